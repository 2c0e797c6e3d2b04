import { can, type Permission } from "./permissions";
import { ROLES, type Role } from "./roles";

const PLURAL: Record<Role, string> = { owner: "owners", rep: "sales reps", staff: "staff" };

/** "owners", "owners and staff": the roles holding a permission, read from the one policy table. */
export function whoCan(permission: Permission): string {
  const names = ROLES.filter((r) => can(r, permission)).map((r) => PLURAL[r]);
  if (names.length <= 1) return names[0] ?? "nobody";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
