"use server";

import type { z } from "zod";
import { defineAction, verbInput } from "@/lib/actions/define-action";
import type { CreateApiKeyInput, revokeApiKeySchema } from "@/lib/api-keys/api-key.schema";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";

const apiKeys = { revalidate: ["/settings/api-keys"] };

/** The key is returned once, to show; only its hash is stored. */
export const createApiKeyAction = defineAction(
  verbInput<CreateApiKeyInput>(),
  async (ctx, input) => {
    const created = await createApiKey(ctx, input);
    return { key: created.key, name: created.name };
  },
  apiKeys,
);

export const revokeApiKeyAction = defineAction(
  verbInput<z.input<typeof revokeApiKeySchema>>(),
  (ctx, input) => revokeApiKey(ctx, input),
  apiKeys,
);
