import type { Actor } from "../context";
import { ForbiddenError } from "../errors";
import type { Role } from "./roles";

export const PERMISSIONS = [
  "org:read",
  "org:update",
  "team:read",
  "team:manage",
  "customers:read",
  "customers:write",
  "customers:delete",
  "customers:merge",
  "customers:import",
  "customers:export",
  "leads:read",
  "leads:write",
  "leads:write_any",
  "pipeline:manage",
  "jobs:read",
  "jobs:manage",
  "api_keys:manage",
  "segments:read",
  "segments:manage",
  "email:read",
  "email:send",
  "email:manage",
  "playbooks:read",
  "playbooks:manage",
  "analytics:read",
  "audit:read",
  "campaigns:read",
  "campaigns:write",
  "campaigns:send",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The whole access policy, in one table. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  // leads:write lets a rep edit their own and unassigned leads; leads:write_any lifts that limit.
  // Deleting, merging and bulk export/import of customers are the owner's: they are hard to undo or leak data.
  // Everyone who works customers may see who is in a segment; building them (and so what playbooks target) is the owner's.
  // The outbox shows every message the org sent (to every customer): owners and staff look after it.
  // Everyone reads playbooks (the canvas read-only, the runs); changing them is the owner's.
  // Everyone reads analytics: the numbers are the organisation's, and none of them names a customer.
  // Everyone reads campaigns (what went to their customers); composing and sending one reaches the whole list: the owner's.
  rep: [
    "org:read",
    "customers:read",
    "customers:write",
    "leads:read",
    "leads:write",
    "segments:read",
    "email:send",
    "playbooks:read",
    "analytics:read",
    "campaigns:read",
  ],
  staff: [
    "org:read",
    "customers:read",
    "customers:write",
    "leads:read",
    "segments:read",
    "email:read",
    "email:send",
    "playbooks:read",
    "analytics:read",
    "campaigns:read",
  ],
};

/**
 * What automated work may do: run playbooks (send, tag, update customers, create follow-ups),
 * keep segments, scores and lifecycle stages fresh, import customers an owner uploaded, record
 * unsubscribes and provider webhooks. Never the team, settings, keys or deleting anything.
 */
export const SYSTEM_PERMISSIONS: readonly Permission[] = [
  "org:read",
  "customers:read",
  "customers:write",
  "customers:import",
  "leads:read",
  "leads:write",
  "leads:write_any",
  "segments:read",
  "email:read",
  "email:send",
  "playbooks:read",
  "campaigns:read",
];

/** Sign-up and the demo seed also set up a new organisation's built-in email templates and playbooks. */
const PROVISIONING_JOBS: readonly string[] = ["signup", "demo_seed"];
const PROVISIONING_PERMISSIONS: readonly Permission[] = [...SYSTEM_PERMISSIONS, "email:manage", "playbooks:manage"];

/**
 * What a public API key may do: report events about customers (creating them), redeem discount
 * codes, and read the analytics every teammate reads (counts, never a customer).
 */
export const API_KEY_PERMISSIONS: readonly Permission[] = ["customers:read", "customers:write", "analytics:read"];

function permissionsOf(who: Actor | Role): readonly Permission[] {
  if (typeof who === "string") return ROLE_PERMISSIONS[who];
  if (who.kind === "user") return ROLE_PERMISSIONS[who.role];
  if (who.kind === "api_key") return API_KEY_PERMISSIONS;
  return PROVISIONING_JOBS.includes(who.job) ? PROVISIONING_PERMISSIONS : SYSTEM_PERMISSIONS;
}

/** Whether an actor (or a teammate's role, for the UI) holds a permission. */
export function can(who: Actor | Role, permission: Permission): boolean {
  return permissionsOf(who).includes(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError();
}
