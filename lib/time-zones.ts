/** IANA time zone names this runtime knows, with UTC first (Intl leaves it out of the list). */
export function supportedTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

// Building a formatter to test a zone is slow, and guards test the same few zones again and again.
const checkedZones = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let ok = checkedZones.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      ok = zone.length > 0;
    } catch {
      ok = false;
    }
    if (checkedZones.size < 5000) checkedZones.set(zone, ok);
  }
  return ok;
}

export type ZoneResolution = {
  zone: string;
  source: "customer" | "organisation" | "utc";
  /** Why this zone, as a sentence (shown in the run log, Simulate and the profile). */
  reason: string;
  /** Set only when the customer's stored zone had to be passed over because it is not valid. */
  fallbackNote?: string;
};

/**
 * The one rule for which zone a customer's times are in: their own when it is a valid IANA name,
 * else the organisation's (else UTC), saying which and why.
 */
export function resolveCustomerZone(customerZone: string | null | undefined, orgZone: string): ZoneResolution {
  const stored = customerZone?.trim() ?? "";
  if (stored && isValidTimeZone(stored))
    return { zone: stored, source: "customer", reason: `${stored} is the customer's own time zone.` };
  const why = stored
    ? `the customer's stored time zone "${stored}" is not a valid IANA name`
    : "the customer has no time zone of their own";
  const [zone, source, whose] = isValidTimeZone(orgZone)
    ? ([orgZone, "organisation", "the organisation's"] as const)
    : (["UTC", "utc", `UTC (the organisation's "${orgZone}" is not valid either)`] as const);
  const reason = `${zone} is used because ${why}, so ${whose} applies.`;
  return stored ? { zone, source, reason, fallbackNote: reason } : { zone, source, reason };
}

export function isValidCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf("currency").includes(code);
}
