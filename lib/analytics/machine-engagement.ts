/**
 * Tells machine opens and clicks from human ones, so rates count people. Each verdict says why,
 * and the reason is stored with the event: an owner can see what was left out and on what grounds.
 */
export type MachineReason = "apple_privacy_proxy" | "known_scanner" | "too_soon_after_delivery" | "all_links_at_once";

export type EngagementVerdict = { machine: false; reason: null } | { machine: true; reason: MachineReason };

export type EngagementFacts = {
  kind: "opened" | "clicked";
  userAgent: string | null;
  ip: string | null;
  /** When the message was delivered (or handed over, when no delivery was reported). */
  deliveredAt: Date | null;
  at: Date;
  /** A human open or click of this message recorded before this one. */
  earlierHumanActivity: boolean;
  /** Other links of this message clicked within the burst window just before this click. */
  otherLinksClickedJustBefore: number;
};

/** Opens or clicks this soon after delivery, with nothing else before them, are a machine's. */
export const TOO_SOON_SECONDS = 10;
/** Clicks on several links of one message this close together are a scanner following them all. */
export const LINK_BURST_SECONDS = 2;

// Mail security gateways, link scanners and HTTP libraries that fetch pixels and links on arrival.
const SCANNER_AGENTS =
  /barracuda|mimecast|proofpoint|ppops|forcepoint|messagelabs|symantec|trend ?micro|sonicwall|ironport|sophos|zscaler|fireeye|trellix|bitdefender|safelinks|bot\b|bot\/|crawler|spider|headlesschrome|python-requests|python-urllib|curl\/|wget\/|go-http-client|java\/|okhttp|libwww|axios\//i;

/** Apple Mail Privacy Protection fetches through Apple's network (17.0.0.0/8) with a bare agent. */
function isApplePrivacyProxy(userAgent: string | null, ip: string | null): boolean {
  const bareAgent = userAgent !== null && userAgent.trim() === "Mozilla/5.0";
  const appleNetwork = ip !== null && /^17\./.test(ip);
  return bareAgent && (appleNetwork || ip === null);
}

export function classifyEngagement(facts: EngagementFacts): EngagementVerdict {
  if (facts.kind === "opened" && isApplePrivacyProxy(facts.userAgent, facts.ip))
    return { machine: true, reason: "apple_privacy_proxy" };
  if (facts.userAgent && SCANNER_AGENTS.test(facts.userAgent)) return { machine: true, reason: "known_scanner" };
  if (facts.kind === "clicked" && facts.otherLinksClickedJustBefore > 0)
    return { machine: true, reason: "all_links_at_once" };
  if (
    facts.deliveredAt &&
    !facts.earlierHumanActivity &&
    facts.at.getTime() - facts.deliveredAt.getTime() < TOO_SOON_SECONDS * 1000
  )
    return { machine: true, reason: "too_soon_after_delivery" };
  return { machine: false, reason: null };
}

export const MACHINE_REASON_LABELS: Record<MachineReason, string> = {
  apple_privacy_proxy: "Apple Mail Privacy Protection",
  known_scanner: "Link scanner or security gateway",
  too_soon_after_delivery: "Within seconds of delivery",
  all_links_at_once: "Every link clicked at once",
};
