import { ForbiddenError } from "../errors";
import type { Role } from "./roles";

export const PERMISSIONS = [
  "org:read",
  "org:update",
  "team:read",
  "team:manage",
  "contacts:read",
  "contacts:write",
  "contacts:delete",
  "contacts:merge",
  "contacts:import",
  "contacts:export",
  "audit:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The whole access policy, in one table. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  // Deleting, merging and bulk export/import of customers are the owner's: they are hard to undo or leak data.
  rep: ["org:read", "contacts:read", "contacts:write"],
  staff: ["org:read", "contacts:read", "contacts:write"],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function requirePermission(actor: { role: Role }, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError();
}
