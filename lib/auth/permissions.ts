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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The whole access policy, in one table. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  // leads:write lets a rep edit their own and unassigned leads; leads:write_any lifts that limit.
  // Deleting, merging and bulk export/import of customers are the owner's: they are hard to undo or leak data.
  // Everyone who works customers may see who is in a segment; building them (and so what playbooks target) is the owner's.
  // The outbox shows every message the org sent (to every customer): owners and staff look after it.
  rep: ["org:read", "customers:read", "customers:write", "leads:read", "leads:write", "segments:read", "email:send"],
  staff: ["org:read", "customers:read", "customers:write", "leads:read", "segments:read", "email:read", "email:send"],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function requirePermission(actor: { role: Role }, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError();
}
