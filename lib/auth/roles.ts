export const ROLES = ["owner", "rep", "staff"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  rep: "Sales rep",
  staff: "Staff",
};
