"use server";

import { defineAction, verbInput } from "@/lib/actions/define-action";
import type { NewContactInput } from "@/lib/customers/contact.schema";
import { createContact } from "@/lib/customers/contacts";
import { bulkUpdate, type BulkUpdateInput } from "@/lib/customers/tags";

export const createContactAction = defineAction(
  verbInput<NewContactInput>(),
  async (ctx, input) => ({ id: (await createContact(ctx, input)).id }),
  { revalidate: ["/customers"] },
);

export const bulkUpdateAction = defineAction(
  verbInput<BulkUpdateInput>(),
  async (ctx, input) => ({ changed: await bulkUpdate(ctx, input) }),
  { revalidate: ["/customers"] },
);
