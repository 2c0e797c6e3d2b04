import { can, type Permission } from "./auth/permissions";
import type { Role } from "./auth/roles";

export type NavItem = { href: string; label: string; permission: Permission; exact?: boolean };

/** Only sections that exist; later issues add theirs here. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Dashboard", permission: "contacts:read", exact: true },
  { href: "/customers", label: "Customers", permission: "contacts:read" },
  { href: "/follow-ups", label: "My follow-ups", permission: "contacts:read" },
  { href: "/settings", label: "Settings", permission: "org:read", exact: true },
  { href: "/settings/team", label: "Team", permission: "team:read" },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
