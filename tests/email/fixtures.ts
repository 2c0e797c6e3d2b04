import { contacts } from "@/db/schema";
import type { Db } from "@/db/client";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { uniqueEmail } from "../integration/helpers";

process.env.EMAIL_LINK_SECRET ??= "test-email-link-secret";

type ContactOverrides = Partial<typeof contacts.$inferInsert>;

/** A customer written directly (tests must not depend on the contacts code under test). */
export async function makeContact(db: Db, orgId: string, overrides: ContactOverrides = {}) {
  const [row] = await db
    .insert(contacts)
    .values({
      orgId,
      firstName: "Ana",
      lastName: "Lopez",
      email: uniqueEmail("ana"),
      marketingConsent: "subscribed",
      ...overrides,
    })
    .returning();
  return row!;
}

export async function withEmailDefaults(db: Db, orgId: string) {
  await ensureEmailDefaults(db, orgId);
}

export const marketingInput = (contactId: string, key: string, extra: Record<string, unknown> = {}) => ({
  recipient: { contactId },
  content: {
    subject: "Hello {{contact.first_name}}",
    body: 'Hi {{contact.first_name | "there"}},\n\nSee [our offers](https://shop.example/offers?x=1&y=2).',
  },
  category: "marketing" as const,
  topicKey: "promotions",
  source: { type: "manual" as const },
  idempotencyKey: key,
  ...extra,
});
