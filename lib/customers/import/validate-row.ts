import { z } from "zod";
import { LIFECYCLE_STAGES, type LifecycleStage } from "../lifecycle";
import { isValidTimeZone } from "../../time-zones";
import type { ColumnMapping, ImportField } from "./fields";

export type ImportedContact = {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  lifecycleStage: LifecycleStage | null;
  birthday: string | null;
  city: string | null;
  country: string | null;
  timeZone: string | null;
  tags: string[];
};

const emailCheck = z.email();
const STAGE_ALIASES: Record<string, LifecycleStage> = { atrisk: "at_risk", "at risk": "at_risk", "at-risk": "at_risk" };

function isRealDate(s: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** One CSV row to a contact, or every reason it cannot be imported (in words a person can fix). */
export function validateRow(
  values: string[],
  mapping: ColumnMapping,
): { ok: true; contact: ImportedContact } | { ok: false; reasons: string[] } {
  const get = (f: ImportField) => {
    const i = mapping[f];
    return i === undefined ? "" : (values[i] ?? "").trim();
  };
  const reasons: string[] = [];
  let firstName = get("firstName");
  let lastName = get("lastName");
  if (!firstName && get("fullName")) {
    const parts = get("fullName").split(/\s+/);
    firstName = parts.shift() ?? "";
    lastName ||= parts.join(" ");
  }
  if (!firstName) reasons.push("missing first name");
  if (firstName.length > 100 || lastName.length > 100) reasons.push("name longer than 100 characters");
  const email = get("email").toLowerCase();
  if (email && !emailCheck.safeParse(email).success) reasons.push(`bad email "${email}"`);
  const phone = get("phone");
  if (phone && !/^\+?[0-9 ()./-]{5,30}$/.test(phone)) reasons.push(`bad phone "${phone}"`);
  const rawStage = get("lifecycleStage").toLowerCase();
  const stage = rawStage ? (STAGE_ALIASES[rawStage] ?? rawStage) : "";
  if (stage && !(LIFECYCLE_STAGES as readonly string[]).includes(stage))
    reasons.push(`unknown stage "${get("lifecycleStage")}" (use lead, active, vip, at_risk or churned)`);
  const birthday = get("birthday");
  if (birthday && !isRealDate(birthday)) reasons.push(`bad date "${birthday}" (use YYYY-MM-DD)`);
  const timeZone = get("timeZone");
  if (timeZone && !isValidTimeZone(timeZone)) reasons.push(`unknown time zone "${timeZone}"`);
  if (reasons.length) return { ok: false, reasons };
  return {
    ok: true,
    contact: {
      firstName,
      lastName,
      email: email || null,
      phone: phone || null,
      company: get("company") || null,
      jobTitle: get("jobTitle") || null,
      lifecycleStage: (stage || null) as LifecycleStage | null,
      birthday: birthday || null,
      city: get("city") || null,
      country: get("country") || null,
      timeZone: timeZone || null,
      tags: get("tags")
        .split(/[;|]/)
        .map((t) => t.trim())
        .filter((t) => t && t.length <= 40),
    },
  };
}
