import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailTemplates } from "@/db/schema";
import { compileCached } from "../email/compile";
import { fillTemplate } from "../email/fill";
import { loadConsentState, suppressionFor, SUPPRESSION_LABELS } from "../email/consent";
import type { EmailCategory } from "../email/types";
import type { ContactRow } from "../customers/load";
import { missingInWords, simulatedValues, type SimDiscount } from "./simulate-tokens";

/** Renders a template for a contact exactly as a send would, and says whether it would be suppressed — writing nothing. */
export async function previewEmail(
  db: DbOrTx,
  orgId: string,
  org: { name: string; marketingRequiresConsent: boolean },
  templateId: string,
  contact: ContactRow,
  discount: SimDiscount,
  send: { category: EmailCategory; topicKey: string | null },
) {
  const [t] = await db
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.id, templateId), eq(emailTemplates.orgId, orgId)))
    .limit(1);
  if (!t) return { subject: "(template deleted)", text: "", suppressed: "The template no longer exists" };
  // As the send does: the step's category, and its topic or else the template's.
  const category = send.category;
  const topicKey = send.topicKey ?? t.topicKey;
  const compiled = await compileCached({ subject: t.subject, body: t.body, category });
  const filled = fillTemplate(compiled, simulatedValues(contact, org, discount), {
    track: (url) => url,
    unsubscribeUrl: category === "marketing" ? "(unsubscribe link)" : null,
    openPixelUrl: null,
    topicName: topicKey,
    missing: missingInWords,
  });
  const state = await loadConsentState(db, orgId, [{ contactId: contact.id, email: contact.email }], topicKey, {
    requiresConsent: org.marketingRequiresConsent,
  });
  const code = suppressionFor(
    {
      contactId: contact.id,
      email: contact.email,
      marketingConsent: contact.marketingConsent,
      doNotContact: contact.doNotContact,
    },
    category,
    state,
  );
  return { subject: filled.subject, text: filled.text, suppressed: code ? SUPPRESSION_LABELS[code] : null };
}
