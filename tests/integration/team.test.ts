import { describe, expect, it } from "vitest";
import { and, eq, notLike } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { addTeammate, changeRole, listTeam, setTeammateActive } from "@/lib/team/team";
import { createTestOrg, findUser, uniqueEmail, uniqueIp, setupTestDb, type TestUser } from "./helpers";

const getDb = setupTestDb();

function newcomer(role: "owner" | "rep" | "staff" = "rep") {
  return { name: "New Person", email: uniqueEmail("new"), role, password: "a good password" };
}

async function auditFor(orgId: string) {
  return getDb()
    .select({
      action: auditEvents.action,
      actorId: auditEvents.actorId,
      subjectId: auditEvents.targetId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), notLike(auditEvents.action, "auth.%")));
}

async function usersOf(orgId: string) {
  return getDb().select({ id: users.id }).from(users).where(eq(users.orgId, orgId));
}

describe("team", () => {
  it("an owner adds a rep, who can then sign in to that organisation", async () => {
    const org = await createTestOrg(getDb());
    const input = newcomer("rep");
    const added = await addTeammate(org.owner.ctx, { ...input, email: `  ${input.email.toUpperCase()} ` });
    expect(added).toMatchObject({ name: "New Person", email: input.email, role: "rep", active: true });

    const signedIn = await authenticate(getDb(), { email: input.email, password: input.password, ip: uniqueIp() });
    expect(signedIn).toEqual({
      ok: true,
      user: { id: added.id, email: input.email, name: "New Person", orgId: org.orgId, role: "rep" },
    });
    expect((await listTeam(org.owner.ctx)).map((t) => t.id)).toContain(added.id);
    expect(await auditFor(org.orgId)).toContainEqual({
      action: "team.member_added",
      actorId: org.owner.id,
      subjectId: added.id,
      before: null,
      after: { name: "New Person", email: input.email, role: "rep" },
    });
  });

  it("lists only the organisation's own people", async () => {
    const [a, b] = [await createTestOrg(getDb()), await createTestOrg(getDb())];
    const ids = (await listTeam(a.owner.ctx)).map((t) => t.id).sort();
    expect(ids).toEqual([a.owner.id, a.rep.id, a.staff.id].sort());
    expect(ids).not.toContain(b.owner.id);
  });

  it("rejects an email someone already signs in with, in any organisation and any letter case", async () => {
    const [org, other] = [await createTestOrg(getDb()), await createTestOrg(getDb())];
    for (const email of [org.rep.email, other.staff.email.toUpperCase()]) {
      const attempt = addTeammate(org.owner.ctx, { ...newcomer(), email });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ fieldErrors: { email: expect.any(String) } });
    }
    expect(await usersOf(org.orgId)).toHaveLength(3);
  });

  it.each(["rep", "staff"] as const)("a %s can neither see nor change the team", async (role) => {
    const org = await createTestOrg(getDb());
    const actor: TestUser = org[role];
    await expect(listTeam(actor.ctx)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addTeammate(actor.ctx, newcomer())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeRole(actor.ctx, { userId: actor.id, role: "owner" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setTeammateActive(actor.ctx, { userId: org.owner.id, active: false })).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    expect(await usersOf(org.orgId)).toHaveLength(3);
    expect(await findUser(getDb(), actor.id)).toMatchObject({ role });
    expect(await findUser(getDb(), org.owner.id)).toMatchObject({ active: true });
    expect(await auditFor(org.orgId)).toEqual([]);
  });

  it("treats a user of another organisation as not found, and leaves them unchanged", async () => {
    const [org, other] = [await createTestOrg(getDb()), await createTestOrg(getDb())];
    await expect(changeRole(org.owner.ctx, { userId: other.rep.id, role: "owner" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(setTeammateActive(org.owner.ctx, { userId: other.rep.id, active: false })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(setTeammateActive(org.owner.ctx, { userId: other.owner.id, active: false })).rejects.toBeInstanceOf(
      NotFoundError,
    );

    expect(await findUser(getDb(), other.rep.id)).toMatchObject({ role: "rep", active: true, orgId: other.orgId });
    expect(await findUser(getDb(), other.owner.id)).toMatchObject({ role: "owner", active: true });
    expect(await auditFor(other.orgId)).toEqual([]);
    expect(await auditFor(org.orgId)).toEqual([]);
  });

  it("keeps the last owner: no demotion, no deactivation, until a second owner exists", async () => {
    const org = await createTestOrg(getDb());
    await expect(changeRole(org.owner.ctx, { userId: org.owner.id, role: "rep" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(setTeammateActive(org.owner.ctx, { userId: org.owner.id, active: false })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await findUser(getDb(), org.owner.id)).toMatchObject({ role: "owner", active: true });

    const promoted = await changeRole(org.owner.ctx, { userId: org.rep.id, role: "owner" });
    expect(promoted.role).toBe("owner");
    const demoted = await changeRole(org.owner.ctx, { userId: org.owner.id, role: "staff" });
    expect(demoted.role).toBe("staff");

    // org.rep is now the only owner; the former owner's ctx is stale, so act as the new owner.
    const newOwner = { ...org.rep.ctx, actor: { kind: "user" as const, id: org.rep.id, role: "owner" as const } };
    await expect(setTeammateActive(newOwner, { userId: org.rep.id, active: false })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await changeRole(newOwner, { userId: org.staff.id, role: "owner" });
    expect((await setTeammateActive(newOwner, { userId: org.rep.id, active: false })).active).toBe(false);

    const actions = (await auditFor(org.orgId)).map((e) => [e.action, e.subjectId, e.before, e.after]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ["team.role_changed", org.rep.id, { role: "rep" }, { role: "owner" }],
        ["team.role_changed", org.owner.id, { role: "owner" }, { role: "staff" }],
        ["team.role_changed", org.staff.id, { role: "staff" }, { role: "owner" }],
        ["team.member_deactivated", org.rep.id, { active: true }, { active: false }],
      ]),
    );
    expect(actions).toHaveLength(4);
  });

  it("a deactivated teammate cannot sign in until reactivated", async () => {
    const org = await createTestOrg(getDb());
    const ip = uniqueIp();
    await setTeammateActive(org.owner.ctx, { userId: org.staff.id, active: false });
    expect(await authenticate(getDb(), { email: org.staff.email, password: org.staff.password, ip })).toEqual({
      ok: false,
      reason: "deactivated",
    });
    expect(await findUser(getDb(), org.staff.id)).toMatchObject({ active: false });

    await setTeammateActive(org.owner.ctx, { userId: org.staff.id, active: true });
    expect((await authenticate(getDb(), { email: org.staff.email, password: org.staff.password, ip })).ok).toBe(true);
    const actions = (await auditFor(org.orgId)).map((e) => [e.action, e.actorId, e.subjectId]);
    expect(actions.sort()).toEqual(
      [
        ["team.member_deactivated", org.owner.id, org.staff.id],
        ["team.member_reactivated", org.owner.id, org.staff.id],
      ].sort(),
    );
  });

  it("rejects malformed input before touching the database", async () => {
    const org = await createTestOrg(getDb());
    await expect(addTeammate(org.owner.ctx, { ...newcomer(), email: "not-an-email" })).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(addTeammate(org.owner.ctx, { ...newcomer(), role: "admin" })).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(changeRole(org.owner.ctx, { userId: "not-a-uuid", role: "rep" })).rejects.toMatchObject({
      name: "ZodError",
    });
    expect(await usersOf(org.orgId)).toHaveLength(3);
  });

  it("changing to the same role or state is a no-op without an audit row", async () => {
    const org = await createTestOrg(getDb());
    expect((await changeRole(org.owner.ctx, { userId: org.rep.id, role: "rep" })).role).toBe("rep");
    expect((await setTeammateActive(org.owner.ctx, { userId: org.rep.id, active: true })).active).toBe(true);
    expect(await auditFor(org.orgId)).toEqual([]);
  });
});
