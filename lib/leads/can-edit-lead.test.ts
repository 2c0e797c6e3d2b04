import { describe, expect, it } from "vitest";
import { can } from "../auth/permissions";
import { canEditLead } from "./access";

const me = "11111111-1111-4111-8111-111111111111";
const other = "22222222-2222-4222-8222-222222222222";

describe("who may edit a lead", () => {
  it("lets a rep edit their own and unassigned leads only", () => {
    const rep = { kind: "user" as const, id: me, role: "rep" as const };
    expect(canEditLead(rep, { ownerId: me })).toBe(true);
    expect(canEditLead(rep, { ownerId: null })).toBe(true);
    expect(canEditLead(rep, { ownerId: other })).toBe(false);
  });

  it("lets owners edit all and staff none", () => {
    expect(canEditLead({ kind: "user" as const, id: me, role: "owner" }, { ownerId: other })).toBe(true);
    expect(canEditLead({ kind: "user" as const, id: me, role: "staff" }, { ownerId: me })).toBe(false);
    expect(canEditLead({ kind: "user" as const, id: me, role: "staff" }, { ownerId: null })).toBe(false);
  });

  it("lets everyone read leads and only owners manage the pipeline", () => {
    for (const role of ["owner", "rep", "staff"] as const) expect(can(role, "leads:read")).toBe(true);
    expect(can("rep", "pipeline:manage")).toBe(false);
    expect(can("staff", "leads:write")).toBe(false);
  });
});
