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

export function isValidCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf("currency").includes(code);
}
