import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { userSessions, users } from "@/db/schema";
import { endSession, liveSession, startSession } from "@/lib/auth/sessions";
import { signOutResponse } from "@/lib/auth/sign-out";
import { createTestOrg, setupTestDb, type TestOrg } from "./helpers";

const getDb = setupTestDb();
const SECRET = "a-test-secret-that-is-long-enough-for-auth-js";
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(getDb());
  other = await createTestOrg(getDb());
});

async function signedInCookie(user: { id: string }, orgId: string, name = "authjs.session-token") {
  const sid = await startSession(getDb(), { id: user.id, orgId });
  const token = await encode({ token: { uid: user.id, orgId, role: "owner", sid }, secret: SECRET, salt: name });
  return { sid, cookie: `${name}=${token}; theme=dark` };
}

function signOutRequest(cookie: string, headers: Record<string, string> = { "sec-fetch-site": "same-origin" }) {
  return new Request("http://tend.test/logout", { method: "POST", headers: { cookie, ...headers } });
}

describe("server-side sessions", () => {
  it("a session is live until it ends, then dead for good", async () => {
    const sid = await startSession(getDb(), { id: org.owner.id, orgId: org.orgId });
    const claims = { sessionId: sid, userId: org.owner.id, orgId: org.orgId };
    expect((await liveSession(getDb(), claims))?.user).toEqual({
      id: org.owner.id,
      email: org.owner.email,
      name: org.owner.name,
      role: "owner",
    });
    await endSession(getDb(), sid);
    expect(await liveSession(getDb(), claims)).toBeNull();
    await endSession(getDb(), sid); // ending twice is harmless
    expect(await liveSession(getDb(), claims)).toBeNull();
  });

  it("claims that do not match the row, or a deactivated teammate, are not signed in", async () => {
    const sid = await startSession(getDb(), { id: org.rep.id, orgId: org.orgId });
    expect(await liveSession(getDb(), { sessionId: sid, userId: org.owner.id, orgId: org.orgId })).toBeNull();
    expect(await liveSession(getDb(), { sessionId: sid, userId: org.rep.id, orgId: other.orgId })).toBeNull();
    expect(await liveSession(getDb(), { sessionId: "not-a-uuid", userId: org.rep.id, orgId: org.orgId })).toBeNull();
    const staffSid = await startSession(getDb(), { id: org.staff.id, orgId: org.orgId });
    await getDb().update(users).set({ active: false }).where(eq(users.id, org.staff.id));
    expect(await liveSession(getDb(), { sessionId: staffSid, userId: org.staff.id, orgId: org.orgId })).toBeNull();
    await getDb().update(users).set({ active: true }).where(eq(users.id, org.staff.id));
  });
});

describe("sign-out", () => {
  it.each(["authjs.session-token", "__Secure-authjs.session-token"])(
    "ends the session named by the %s cookie, deletes the cookie and leaves for the sign-in page",
    async (name) => {
      const { sid, cookie } = await signedInCookie(org.owner, org.orgId, name);
      const response = await signOutResponse(signOutRequest(cookie), getDb(), SECRET);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/login");
      expect(response.headers.get("clear-site-data")).toBe('"cache"');
      expect(response.headers.get("cache-control")).toBe("no-store");
      const setCookies = response.headers.getSetCookie();
      expect(setCookies).toHaveLength(1);
      expect(setCookies[0]).toMatch(new RegExp(`^${name.replace(/\./g, "\\.")}=; Path=/; .*Max-Age=0`));
      expect(setCookies[0]!.includes("; Secure")).toBe(name.startsWith("__Secure-"));
      const [row] = await getDb().select().from(userSessions).where(eq(userSessions.id, sid));
      expect(row?.endedAt).toBeInstanceOf(Date);
      // The same cookie, replayed after sign-out, signs nobody in.
      expect(await liveSession(getDb(), { sessionId: sid, userId: org.owner.id, orgId: org.orgId })).toBeNull();
    },
  );

  it("leaves other sessions of the same person alone", async () => {
    const first = await signedInCookie(org.rep, org.orgId);
    const second = await signedInCookie(org.rep, org.orgId);
    await signOutResponse(signOutRequest(first.cookie), getDb(), SECRET);
    expect(await liveSession(getDb(), { sessionId: second.sid, userId: org.rep.id, orgId: org.orgId })).not.toBeNull();
  });

  it("refuses a sign-out posted from another site, and the session stays live", async () => {
    const { sid, cookie } = await signedInCookie(org.owner, org.orgId);
    const response = await signOutResponse(signOutRequest(cookie, { "sec-fetch-site": "cross-site" }), getDb(), SECRET);
    expect(response.status).toBe(403);
    const fromOrigin = await signOutResponse(
      signOutRequest(cookie, { origin: "https://evil.example", host: "tend.test" }),
      getDb(),
      SECRET,
    );
    expect(fromOrigin.status).toBe(403);
    expect(await liveSession(getDb(), { sessionId: sid, userId: org.owner.id, orgId: org.orgId })).not.toBeNull();
  });

  it("a cookie signed with another secret ends nothing", async () => {
    const { sid } = await signedInCookie(org.owner, org.orgId);
    const forged = await encode({
      token: { uid: org.owner.id, orgId: org.orgId, sid },
      secret: "another-secret-another-secret-another",
      salt: "authjs.session-token",
    });
    const response = await signOutResponse(signOutRequest(`authjs.session-token=${forged}`), getDb(), SECRET);
    expect(response.status).toBe(303);
    expect(await liveSession(getDb(), { sessionId: sid, userId: org.owner.id, orgId: org.orgId })).not.toBeNull();
  });
});
