"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { mergeContacts } from "@/lib/customers/duplicates";

export const mergeAction = defineAction(
  z.object({ keepId: z.uuid(), mergeId: z.uuid() }),
  (ctx, input) => mergeContacts(ctx, input),
  { revalidate: [{ path: "/customers", layout: true }] },
);
