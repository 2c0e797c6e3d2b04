import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailSuppressions, emailTopicOptOuts } from "@/db/schema";
import type { EmailCategory } from "./types";

/** Why a message was not sent; stored on the message as suppressionReason. */
export const SUPPRESSION_LABELS = {
  no_email: "No email address",
  bounced: "The address bounced",
  complained: "The recipient marked an email as spam",
  do_not_contact: "Marked do-not-contact",
  unsubscribed: "Unsubscribed from all marketing email",
  topic_unsubscribed: "Unsubscribed from this topic",
  no_consent: "Never agreed to marketing email",
  // Found when the message was about to be handed to the provider (lib/email/hand-over.ts).
  recipient_gone: "The recipient was deleted",
  run_cancelled: "Its playbook run was cancelled",
  run_exited: "Its playbook run ended on an exit event",
  run_gone: "Its playbook run no longer exists",
  campaign_cancelled: "Its campaign was cancelled",
} as const;
export type SuppressionCode = keyof typeof SUPPRESSION_LABELS;

export type ConsentRecipient = {
  contactId: string | null;
  email: string | null;
  marketingConsent?: string;
  doNotContact?: boolean;
};

/** The organisation's marketing policy, read by the caller with the organisation row it already loads. */
export type ConsentPolicy = { requiresConsent: boolean };

/** Opt-outs and suppressions for many recipients at once (one query each). */
export async function loadConsentState(
  db: DbOrTx,
  orgId: string,
  recipients: ConsentRecipient[],
  topicKey: string | null,
  policy: ConsentPolicy,
) {
  const emails = [...new Set(recipients.map((r) => r.email?.toLowerCase()).filter((e): e is string => !!e))];
  const contactIds = [...new Set(recipients.map((r) => r.contactId).filter((c): c is string => !!c))];
  const [suppressed, optedOut] = await Promise.all([
    emails.length
      ? db
          .select({ email: emailSuppressions.email, reason: emailSuppressions.reason })
          .from(emailSuppressions)
          .where(
            and(
              eq(emailSuppressions.orgId, orgId),
              eq(emailSuppressions.active, true),
              inArray(emailSuppressions.email, emails),
            ),
          )
      : [],
    topicKey && contactIds.length
      ? db
          .select({ contactId: emailTopicOptOuts.contactId })
          .from(emailTopicOptOuts)
          .where(
            and(
              eq(emailTopicOptOuts.orgId, orgId),
              eq(emailTopicOptOuts.topicKey, topicKey),
              inArray(emailTopicOptOuts.contactId, contactIds),
            ),
          )
      : [],
  ]);
  const byEmail = new Map<string, Set<string>>();
  for (const s of suppressed) byEmail.set(s.email, (byEmail.get(s.email) ?? new Set()).add(s.reason));
  return { byEmail, topicOptOuts: new Set(optedOut.map((o) => o.contactId)), requiresConsent: policy.requiresConsent };
}

export type ConsentState = Awaited<ReturnType<typeof loadConsentState>>;

/**
 * The reason a message must not go out, or null. A hard bounce stops every email to the address;
 * marketing opt-outs, complaints and the organisation's "only to customers who said yes" policy
 * never stop transactional email. Under that policy a customer who was never asked ("unknown")
 * gets no marketing email (nor does one whose consent the caller did not pass: it fails closed).
 */
export function suppressionFor(
  r: ConsentRecipient,
  category: EmailCategory,
  state: ConsentState,
): SuppressionCode | null {
  if (!r.email) return "no_email";
  const reasons = state.byEmail.get(r.email.toLowerCase());
  if (reasons?.has("hard_bounce")) return "bounced";
  if (category === "transactional") return null;
  if (reasons?.has("complaint")) return "complained";
  if (r.doNotContact) return "do_not_contact";
  if (r.marketingConsent === "unsubscribed") return "unsubscribed";
  if (r.contactId && state.topicOptOuts.has(r.contactId)) return "topic_unsubscribed";
  if (state.requiresConsent && r.marketingConsent !== "subscribed") return "no_consent";
  return null;
}
