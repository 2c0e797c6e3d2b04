import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../errors";
import { can, PERMISSIONS, requirePermission, type Permission } from "./permissions";
import type { Role } from "./roles";

const OWNER_ONLY: Permission[] = [
  "team:manage",
  "team:read",
  "org:update",
  "customers:delete",
  "customers:merge",
  "customers:import",
  "customers:export",
  "segments:manage",
];

describe("permissions", () => {
  it.each<Role>(["rep", "staff"])("%s cannot manage the team, see it, or change the organisation", (role) => {
    for (const permission of OWNER_ONLY) expect(can(role, permission), permission).toBe(false);
  });

  it.each<Role>(["rep", "staff"])("%s can read the organisation and work with contacts", (role) => {
    expect(can(role, "org:read")).toBe(true);
    expect(can(role, "customers:read")).toBe(true);
    expect(can(role, "customers:write")).toBe(true);
  });

  it("owners and staff read the outbox, reps do not; only owners manage templates and topics", () => {
    expect(can("staff", "email:read")).toBe(true);
    expect(can("rep", "email:read")).toBe(false);
    expect(can("staff", "email:manage")).toBe(false);
    expect(can("rep", "email:manage")).toBe(false);
  });

  it("owner holds every permission", () => {
    for (const permission of PERMISSIONS) expect(can("owner", permission), permission).toBe(true);
  });

  it("requirePermission throws ForbiddenError for a lesser role and passes for the owner", () => {
    expect(() => requirePermission({ kind: "user", id: "u", role: "rep" }, "team:manage")).toThrow(ForbiddenError);
    expect(() => requirePermission({ kind: "user", id: "u", role: "staff" }, "org:update")).toThrow(ForbiddenError);
    expect(() => requirePermission({ kind: "user", id: "u", role: "owner" }, "team:manage")).not.toThrow();
  });
});
