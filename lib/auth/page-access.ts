import type { Permission } from "./permissions";

/**
 * The pages a role may be refused, with the words their 403 page uses. A page checks its
 * permission and calls `forbidden()`; app/(app)/forbidden.tsx, which gets no props, finds the
 * page here by its path so the message still says what was refused and who can open it.
 */
export const PAGE_ACCESS: readonly { route: string; what: string; permission: Permission }[] = [
  { route: "/analytics", what: "analytics", permission: "analytics:read" },
  { route: "/analytics/customers", what: "analytics", permission: "analytics:read" },
  { route: "/analytics/pipeline", what: "analytics", permission: "analytics:read" },
  { route: "/analytics/playbooks", what: "analytics", permission: "analytics:read" },
  { route: "/campaigns", what: "campaigns", permission: "campaigns:read" },
  { route: "/campaigns/new", what: "composing campaigns", permission: "campaigns:write" },
  { route: "/campaigns/[id]", what: "campaigns", permission: "campaigns:read" },
  { route: "/campaigns/[id]/audience", what: "campaigns", permission: "campaigns:read" },
  { route: "/customers/duplicates", what: "duplicate merging", permission: "customers:merge" },
  { route: "/customers/import", what: "customer imports", permission: "customers:import" },
  { route: "/customers/import/[id]", what: "customer imports", permission: "customers:import" },
  { route: "/jobs", what: "Background jobs", permission: "jobs:read" },
  { route: "/jobs/[id]", what: "Background jobs", permission: "jobs:read" },
  { route: "/outbox", what: "the Outbox", permission: "email:read" },
  { route: "/outbox/[id]", what: "the Outbox", permission: "email:read" },
  { route: "/playbooks", what: "Playbooks", permission: "playbooks:read" },
  { route: "/playbooks/new", what: "Creating playbooks", permission: "playbooks:manage" },
  { route: "/playbooks/[id]", what: "Playbooks", permission: "playbooks:read" },
  { route: "/playbooks/[id]/edit", what: "Playbooks", permission: "playbooks:read" },
  { route: "/playbooks/[id]/versions/[versionId]", what: "Playbooks", permission: "playbooks:read" },
  { route: "/playbooks/[id]/simulate", what: "Playbooks", permission: "playbooks:read" },
  { route: "/playbooks/runs/[runId]", what: "Playbooks", permission: "playbooks:read" },
  { route: "/segments", what: "segments", permission: "segments:read" },
  { route: "/segments/new", what: "building segments", permission: "segments:manage" },
  { route: "/segments/[id]", what: "segments", permission: "segments:read" },
  { route: "/settings/api-keys", what: "API keys", permission: "api_keys:manage" },
  { route: "/settings/audit", what: "the audit log", permission: "audit:read" },
  { route: "/settings/email", what: "email settings", permission: "email:manage" },
  { route: "/settings/team", what: "Team settings", permission: "team:read" },
];

const matches = (route: string, path: string) => {
  const a = route.split("/");
  const b = path.replace(/\/+$/, "").split("/");
  return a.length === b.length && a.every((seg, i) => seg.startsWith("[") || seg === b[i]);
};

/** The entry for a requested path; a literal segment wins over a dynamic one ("/playbooks/new" over "/playbooks/[id]"). */
export function pageAccessFor(pathname: string) {
  const found = PAGE_ACCESS.filter((p) => matches(p.route, pathname));
  const literal = (r: string) => r.split("/").filter((s) => !s.startsWith("[")).length;
  return found.sort((x, y) => literal(y.route) - literal(x.route))[0] ?? null;
}
