import type { Actor } from "../context";
import { can } from "../auth/permissions";
import { userIdOf } from "../actors";

/**
 * Reps edit their own and unassigned leads; owners edit all; staff read only. Client-safe (no
 * database code): the server's checks and the board's drag handles use this one rule.
 */
export function canEditLead(actor: Actor, lead: { ownerId: string | null }): boolean {
  if (can(actor, "leads:write_any")) return true;
  return can(actor, "leads:write") && (lead.ownerId === null || lead.ownerId === userIdOf(actor));
}
