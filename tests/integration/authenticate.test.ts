import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { loginAttempts, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { LOGIN_WINDOW_MINUTES, MAX_FAILED_LOGINS } from "@/lib/auth/rate-limit";
import { ARRIVED_FORWARDED_FOR_HEADER, clientIp, SOCKET_ADDRESS_HEADER } from "@/lib/request-meta";
import { createTestOrg, uniqueEmail, uniqueIp, setupTestDb, type TestOrg } from "./helpers";

const getDb = setupTestDb();
const MINUTE = 60_000;
let org: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(getDb());
});

/** Each test signs in as a fresh person from a fresh IP, so the limits of one test never reach another. */
async function freshUser() {
  const fresh = await createTestOrg(getDb());
  return { ...fresh.rep, ip: uniqueIp() };
}

async function failTimes(times: number, attempt: (i: number) => { email: string; ip: string }, at: Date) {
  for (let i = 0; i < times; i++) {
    const result = await authenticate(getDb(), { ...attempt(i), password: "wrong password" }, at);
    expect(result).toEqual({ ok: false, reason: "invalid" });
  }
}

describe("authenticate", () => {
  it("returns the user with their organisation and role", async () => {
    const result = await authenticate(getDb(), {
      email: org.owner.email,
      password: org.owner.password,
      ip: uniqueIp(),
    });
    expect(result).toEqual({
      ok: true,
      user: { id: org.owner.id, email: org.owner.email, name: org.owner.name, orgId: org.orgId, role: "owner" },
    });
    const staff = await authenticate(getDb(), { email: org.staff.email, password: org.staff.password, ip: uniqueIp() });
    expect(staff.ok && staff.user.role).toBe("staff");
  });

  it("matches the email whatever its letter case and surrounding spaces", async () => {
    const result = await authenticate(getDb(), {
      email: `  ${org.rep.email.toUpperCase()} `,
      password: org.rep.password,
      ip: uniqueIp(),
    });
    expect(result.ok && result.user.id).toBe(org.rep.id);
  });

  it("refuses a wrong password and an unknown email alike, and records both failures", async () => {
    const ip = uniqueIp();
    expect(await authenticate(getDb(), { email: org.rep.email, password: "not it", ip })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const nobody = uniqueEmail("nobody");
    expect(await authenticate(getDb(), { email: nobody, password: org.rep.password, ip })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const recorded = await getDb().select().from(loginAttempts).where(eq(loginAttempts.ip, ip));
    expect(recorded.map((r) => [r.email, r.succeeded]).sort()).toEqual(
      [
        [nobody, false],
        [org.rep.email, false],
      ].sort(),
    );
  });

  it("tells a deactivated person so only when the password is right", async () => {
    const user = await freshUser();
    await getDb().update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await authenticate(getDb(), { email: user.email, password: user.password, ip: user.ip })).toEqual({
      ok: false,
      reason: "deactivated",
    });
    expect(await authenticate(getDb(), { email: user.email, password: "wrong password", ip: user.ip })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("sign-in rate limit", () => {
  it(`after ${MAX_FAILED_LOGINS} failures for an email, refuses even the right password until the window passes`, async () => {
    const user = await freshUser();
    const start = new Date();
    await failTimes(MAX_FAILED_LOGINS - 1, () => ({ email: user.email, ip: uniqueIp() }), start);
    const ninth = new Date(start.getTime() + MINUTE);
    expect((await authenticate(getDb(), { email: user.email, password: user.password, ip: user.ip }, ninth)).ok).toBe(
      true,
    );

    await failTimes(1, () => ({ email: user.email.toUpperCase(), ip: uniqueIp() }), ninth);
    const now = new Date(start.getTime() + 5 * MINUTE);
    const limited = await authenticate(getDb(), { email: user.email, password: user.password, ip: user.ip }, now);
    expect(limited).toEqual({ ok: false, reason: "rate_limited", retryAfterMinutes: LOGIN_WINDOW_MINUTES - 5 });

    const whenOldestExpires = new Date(start.getTime() + LOGIN_WINDOW_MINUTES * MINUTE + 1);
    expect(
      (await authenticate(getDb(), { email: user.email, password: user.password, ip: user.ip }, whenOldestExpires)).ok,
    ).toBe(true);
  });

  it("limits one IP across different emails", async () => {
    const user = await freshUser();
    const now = new Date();
    await failTimes(
      MAX_FAILED_LOGINS,
      () => ({ email: uniqueEmail("guess"), ip: user.ip }),
      new Date(now.getTime() - 2 * MINUTE),
    );
    const limited = await authenticate(getDb(), { email: user.email, password: user.password, ip: user.ip }, now);
    expect(limited).toEqual({ ok: false, reason: "rate_limited", retryAfterMinutes: LOGIN_WINDOW_MINUTES - 2 });
    // The person is not locked out from elsewhere: the email itself has no failures.
    expect((await authenticate(getDb(), { email: user.email, password: user.password, ip: uniqueIp() }, now)).ok).toBe(
      true,
    );
  });

  it(`ignores failures older than ${LOGIN_WINDOW_MINUTES} minutes`, async () => {
    const user = await freshUser();
    const now = new Date();
    const old = new Date(now.getTime() - (LOGIN_WINDOW_MINUTES + 1) * MINUTE);
    await failTimes(MAX_FAILED_LOGINS, () => ({ email: user.email, ip: user.ip }), old);
    expect((await authenticate(getDb(), { email: user.email, password: user.password, ip: user.ip }, now)).ok).toBe(
      true,
    );
  });

  it("does not count successful sign-ins, nor record an attempt it refused", async () => {
    const user = await freshUser();
    const now = new Date();
    for (let i = 0; i < MAX_FAILED_LOGINS + 2; i++) {
      expect((await authenticate(getDb(), { email: user.email, password: user.password, ip: user.ip }, now)).ok).toBe(
        true,
      );
    }
    await failTimes(MAX_FAILED_LOGINS, () => ({ email: user.email, ip: user.ip }), now);
    const refused = await authenticate(getDb(), { email: user.email, password: "wrong password", ip: user.ip }, now);
    expect(refused).toMatchObject({ ok: false, reason: "rate_limited" });
    const rows = await getDb()
      .select()
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, user.email), eq(loginAttempts.succeeded, false)));
    expect(rows).toHaveLength(MAX_FAILED_LOGINS);
  });

  it("a made-up X-Forwarded-For does not escape the per-IP limit (TRUSTED_PROXIES=0)", async () => {
    const peer = uniqueIp();
    const ipOf = (i: number) => clientIp(arrivedAt(peer, `${i}.1.2.3`), 0);
    const at = new Date();
    await failTimes(MAX_FAILED_LOGINS, (i) => ({ email: uniqueEmail("nobody"), ip: ipOf(i) }), at);
    const user = await freshUser();
    const limited = await authenticate(getDb(), { email: user.email, password: user.password, ip: ipOf(99) }, at);
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("behind one trusted proxy, each client is limited on its own address (TRUSTED_PROXIES=1)", async () => {
    const proxy = uniqueIp();
    const attacker = uniqueIp();
    const at = new Date();
    // Whatever the attacker writes, the proxy appends the address it saw: the limit follows that.
    await failTimes(
      MAX_FAILED_LOGINS,
      (i) => ({ email: uniqueEmail("nobody"), ip: clientIp(arrivedAt(proxy, `${i}.9.9.9, ${attacker}`), 1) }),
      at,
    );
    const user = await freshUser();
    const attackerAgain = clientIp(arrivedAt(proxy, `77.7.7.7, ${attacker}`), 1);
    expect(attackerAgain).toBe(attacker);
    expect(
      await authenticate(getDb(), { email: user.email, password: user.password, ip: attackerAgain }, at),
    ).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    // Another client behind the same proxy is not held back by the attacker's failures.
    const neighbour = clientIp(arrivedAt(proxy, uniqueIp()), 1);
    expect(
      await authenticate(getDb(), { email: user.email, password: user.password, ip: neighbour }, at),
    ).toMatchObject({
      ok: true,
    });
  });
});

/** The headers the server records for a request (lib/socket-address.ts). */
function arrivedAt(peer: string, forwardedFor: string) {
  return new Headers({
    [SOCKET_ADDRESS_HEADER]: peer,
    [ARRIVED_FORWARDED_FOR_HEADER]: forwardedFor,
    "x-forwarded-for": forwardedFor,
  });
}
