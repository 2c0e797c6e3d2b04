/**
 * The locales an organisation can choose for how dates, numbers and amounts read (lib/format).
 * Client-safe. The suggestion follows the country of the organisation's time zone, so a Berlin
 * organisation starts with German dates and a New York one with US dates.
 */
export const LOCALES = [
  { value: "en-US", label: "English (United States) — Dec 2, 2026" },
  { value: "en-GB", label: "English (United Kingdom) — 2 Dec 2026" },
  { value: "en-CA", label: "English (Canada)" },
  { value: "en-AU", label: "English (Australia)" },
  { value: "en-IE", label: "English (Ireland)" },
  { value: "en-IN", label: "English (India)" },
  { value: "en-NZ", label: "English (New Zealand)" },
  { value: "de-DE", label: "Deutsch (Deutschland) — 02.12.2026" },
  { value: "de-AT", label: "Deutsch (Österreich)" },
  { value: "de-CH", label: "Deutsch (Schweiz)" },
  { value: "fr-FR", label: "Français (France) — 2 déc. 2026" },
  { value: "fr-CA", label: "Français (Canada)" },
  { value: "fr-BE", label: "Français (Belgique)" },
  { value: "es-ES", label: "Español (España)" },
  { value: "es-MX", label: "Español (México)" },
  { value: "it-IT", label: "Italiano (Italia)" },
  { value: "nl-NL", label: "Nederlands (Nederland)" },
  { value: "pt-PT", label: "Português (Portugal)" },
  { value: "pt-BR", label: "Português (Brasil)" },
  { value: "sv-SE", label: "Svenska (Sverige)" },
  { value: "da-DK", label: "Dansk (Danmark)" },
  { value: "nb-NO", label: "Norsk bokmål (Norge)" },
  { value: "fi-FI", label: "Suomi (Suomi)" },
  { value: "pl-PL", label: "Polski (Polska)" },
  { value: "ja-JP", label: "日本語 (日本)" },
] as const;

export const LOCALE_VALUES: readonly string[] = LOCALES.map((l) => l.value);

const BY_ZONE: Record<string, string> = {
  "Europe/London": "en-GB",
  "Europe/Dublin": "en-IE",
  "Europe/Berlin": "de-DE",
  "Europe/Vienna": "de-AT",
  "Europe/Zurich": "de-CH",
  "Europe/Paris": "fr-FR",
  "Europe/Brussels": "fr-BE",
  "Europe/Madrid": "es-ES",
  "Europe/Rome": "it-IT",
  "Europe/Amsterdam": "nl-NL",
  "Europe/Lisbon": "pt-PT",
  "Europe/Stockholm": "sv-SE",
  "Europe/Copenhagen": "da-DK",
  "Europe/Oslo": "nb-NO",
  "Europe/Helsinki": "fi-FI",
  "Europe/Warsaw": "pl-PL",
  "America/Toronto": "en-CA",
  "America/Vancouver": "en-CA",
  "America/Montreal": "fr-CA",
  "America/Mexico_City": "es-MX",
  "America/Sao_Paulo": "pt-BR",
  "Asia/Tokyo": "ja-JP",
  "Asia/Kolkata": "en-IN",
  "Pacific/Auckland": "en-NZ",
};

/** The locale a new organisation in this zone most likely reads; en-US when we cannot tell. */
export function suggestedLocale(timeZone: string): string {
  if (BY_ZONE[timeZone]) return BY_ZONE[timeZone];
  if (timeZone.startsWith("Australia/")) return "en-AU";
  if (timeZone.startsWith("Europe/")) return "en-GB";
  return "en-US";
}
