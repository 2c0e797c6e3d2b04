import { can, type Permission } from "./auth/permissions";
import type { Role } from "./auth/roles";

export type NavItem = { href: string; label: string; permission: Permission; exact?: boolean };

/** Only sections that exist; later issues add theirs here. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Dashboard", permission: "customers:read", exact: true },
  { href: "/customers", label: "Customers", permission: "customers:read" },
  { href: "/leads", label: "Leads", permission: "leads:read" },
  { href: "/segments", label: "Segments", permission: "segments:read" },
  { href: "/follow-ups", label: "My follow-ups", permission: "customers:read" },
  { href: "/playbooks", label: "Playbooks", permission: "playbooks:read" },
  { href: "/campaigns", label: "Campaigns", permission: "campaigns:read" },
  { href: "/analytics", label: "Analytics", permission: "analytics:read" },
  { href: "/outbox", label: "Outbox", permission: "email:read" },
  { href: "/jobs", label: "Jobs", permission: "jobs:read" },
  { href: "/settings", label: "Settings", permission: "org:read", exact: true },
  { href: "/settings/team", label: "Team", permission: "team:read" },
  { href: "/settings/pipeline", label: "Pipeline", permission: "leads:read" },
  { href: "/settings/api-keys", label: "API keys", permission: "api_keys:manage" },
  { href: "/settings/email", label: "Email", permission: "email:manage" },
  { href: "/settings/audit", label: "Audit log", permission: "audit:read" },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
