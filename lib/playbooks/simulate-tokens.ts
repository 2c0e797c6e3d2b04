import { tokenValue, type TokenValues } from "../email/tokens";
import type { ContactRow } from "../customers/load";

export type SimDiscount = { code: string; amount: string; expiresAt: string | null } | undefined;

/** The token values a real send would have for this customer at this point of the run. */
export function simulatedValues(contact: ContactRow, org: { name: string }, discount: SimDiscount): TokenValues {
  return {
    "contact.first_name": contact.firstName,
    "contact.last_name": contact.lastName,
    "contact.full_name": `${contact.firstName} ${contact.lastName}`.trim(),
    "contact.email": contact.email,
    "contact.company": contact.company,
    "org.name": org.name,
    "discount.code": discount?.code ?? null,
    "discount.amount": discount?.amount ?? null,
    "discount.expires_at": discount?.expiresAt ?? null,
  };
}

/**
 * What a preview shows for a token that would come out empty: said in words, so an empty name
 * or a step ordered before its discount is seen rather than read as a raw `{{token}}` or a gap.
 */
export function missingInWords(token: string): string {
  if (token.startsWith("discount."))
    return `[${token} — no discount code is created before this step, so this would be empty]`;
  return `[${token} — no value for this customer, so this would be empty]`;
}

const TOKEN = /\{\{\s*([a-z_.]+)\s*(?:\|\s*"((?:[^"\\]|\\.)*)"\s*)?\}\}/g;

/** Fills the tokens of a plain line (a notification or task title) for the preview. */
export function fillForPreview(text: string, values: TokenValues): string {
  return text.replace(TOKEN, (_, name: string, fallback: string | undefined) => {
    const v = tokenValue(values, name, fallback === undefined ? null : fallback.replace(/\\(.)/g, "$1"));
    return v || missingInWords(name);
  });
}
