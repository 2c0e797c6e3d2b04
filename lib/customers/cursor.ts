import { z } from "zod";

const cursorSchema = z.object({
  at: z.string().optional(),
  v: z.union([z.string(), z.number(), z.null()]).optional(),
  id: z.uuid(),
});
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

/** A tampered or stale cursor starts from the beginning rather than failing. */
export function decodeCursor(raw: string | undefined | null): Cursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    if (parsed.data.at !== undefined && Number.isNaN(Date.parse(parsed.data.at))) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
