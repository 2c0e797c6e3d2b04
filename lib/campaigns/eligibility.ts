import type { DbOrTx } from "@/db/client";
import type { contacts, organizations } from "@/db/schema";
import { loadConsentState, suppressionFor, SUPPRESSION_LABELS, type SuppressionCode } from "@/lib/email/consent";
import { effectiveQuietHours, frequencyCapDecision, quietHoursDecision } from "@/lib/playbooks/quiet-hours";
import { recentMarketingSendsMany } from "@/lib/playbooks/send-guard";

type Contact = typeof contacts.$inferSelect;
type Org = typeof organizations.$inferSelect;

/** Why a frozen or would-be recipient does not get the campaign: the email layer's reasons, plus the cap. */
export const EXCLUSIONS = [
  "unsubscribed",
  "topic_unsubscribed",
  "no_consent",
  "bounced",
  "complained",
  "do_not_contact",
  "no_email",
  "frequency_cap",
] as const satisfies readonly (SuppressionCode | "frequency_cap")[];
export type Exclusion = (typeof EXCLUSIONS)[number];
export const EXCLUSION_LABELS: Record<Exclusion, string> = {
  ...SUPPRESSION_LABELS,
  frequency_cap: "Held back by the frequency cap",
};

export type Verdict = { kind: "send" } | { kind: "exclude"; reason: Exclusion } | { kind: "defer"; until: Date };

type Campaign = { id: string; category: "marketing" | "transactional"; topicKey: string | null; capExempt: boolean };

/**
 * For customers about to get the campaign at `at(contact)`: the consent and suppression rules of
 * the email layer (lib/email/consent, the same the hand-over applies again), the playbooks'
 * frequency cap (unless the campaign is exempt, never for transactional mail) and quiet hours
 * (a deferral to when they end). Three queries for any number of customers.
 */
export async function verdictsFor(
  db: DbOrTx,
  org: Org,
  campaign: Campaign,
  people: Contact[],
  at: (c: Contact) => Date,
): Promise<Map<string, Verdict>> {
  const out = new Map<string, Verdict>();
  if (!people.length) return out;
  const consent = await loadConsentState(
    db,
    org.id,
    people.map((c) => ({ contactId: c.id, email: c.email })),
    campaign.category === "marketing" ? campaign.topicKey : null,
    { requiresConsent: org.marketingRequiresConsent },
  );
  const cap = { count: org.frequencyCapCount, days: org.frequencyCapDays };
  const capped = campaign.category === "marketing" && !campaign.capExempt && cap.count != null && cap.count > 0;
  const earliest = Math.min(...people.map((c) => +at(c)));
  const sends = capped
    ? await recentMarketingSendsMany(
        db,
        org.id,
        people.map((c) => c.id),
        new Date(earliest - cap.days * 86_400_000),
        campaign.id,
      )
    : new Map<string, Date[]>();
  for (const c of people) {
    const reason = suppressionFor(
      { contactId: c.id, email: c.email, marketingConsent: c.marketingConsent, doNotContact: c.doNotContact },
      campaign.category,
      consent,
    );
    if (reason) {
      out.set(c.id, { kind: "exclude", reason: reason as Exclusion });
      continue;
    }
    const when = at(c);
    if (capped && frequencyCapDecision(sends.get(c.id) ?? [], when, cap).kind === "defer") {
      out.set(c.id, { kind: "exclude", reason: "frequency_cap" });
      continue;
    }
    const quiet = quietHoursDecision(effectiveQuietHours(org, c), when);
    out.set(c.id, quiet.kind === "defer" ? { kind: "defer", until: quiet.until } : { kind: "send" });
  }
  return out;
}
