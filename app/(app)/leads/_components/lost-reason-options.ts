import { OTHER_LOST_REASON } from "@/lib/leads/constants";

/** The organisation's reasons, then "Other"; a lead's older free-text reason stays choosable. */
export function lostReasonOptions(reasons: string[], current?: string | null): string[] {
  const list = [...reasons, OTHER_LOST_REASON];
  return current && !list.includes(current) ? [current, ...list] : list;
}
