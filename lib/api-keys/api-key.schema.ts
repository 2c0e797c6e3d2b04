import { z } from "zod";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key after what will use it").max(80, "Keep the name under 80 characters"),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ keyId: z.uuid("Unknown API key") });
