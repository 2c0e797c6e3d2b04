import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../client";
import { appMeta, contactTags, contacts, organizations, tags, users } from "../schema";
import { hashPassword } from "@/lib/auth/password";
import { isUniqueViolation } from "@/lib/db-errors";
import { DEMO_TAGS, makeDemoContact } from "./demo-data";
import { seededRandom } from "./random";
import { DEMO_LEAD_COUNT, insertDemoLeads } from "./demo-leads";
import { insertDemoActivity } from "./demo-activity";
import { insertDemoSegments } from "./demo-segments";

const DEMO_TIME_ZONE = "America/New_York";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { installDefaultPlaybooks } from "@/lib/playbooks/install";
import { insertDemoCampaign } from "./demo-campaign";
import { insertDemoEmail } from "./demo-email";
import { systemActor, systemCtx } from "@/lib/actors";
import { DEMO_PASSWORD, demoUsers } from "./demo-accounts";

export const DEMO_CONTACT_COUNT = 300;

const DEMO_SEEDED_KEY = "demo_seeded_at";
const BATCH = 1000;
const DAY = 24 * 60 * 60 * 1000;

/** Adds `count` generated contacts (with tags) to an organisation, in batches. Deterministic per seed. */
export async function insertDemoContacts(
  db: DbOrTx,
  orgId: string,
  count: number,
  options: { seed?: number; ownerIds?: string[]; startIndex?: number } = {},
) {
  const random = seededRandom(options.seed ?? 20261121);
  const tagRows = await ensureDemoTags(db, orgId);
  const tagIdByName = new Map(tagRows.map((t) => [t.name, t.id]));
  const owners = options.ownerIds ?? [];
  const now = Date.now();
  const start = options.startIndex ?? 0;
  for (let offset = 0; offset < count; offset += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - offset) }, (_, i) =>
      makeDemoContact(random, start + offset + i + 1),
    );
    const inserted = await db
      .insert(contacts)
      .values(
        batch.map((c, i) => ({
          orgId,
          firstName: c.firstName,
          lastName: c.lastName,
          email: c.email,
          phone: c.phone,
          company: c.company,
          jobTitle: c.jobTitle,
          timeZone: c.timeZone,
          lifecycleStage: c.lifecycleStage,
          ownerId: owners.length ? owners[(offset + i) % owners.length]! : null,
          lastSeenAt: c.lastSeenDaysAgo === null ? null : new Date(now - c.lastSeenDaysAgo * DAY),
          createdAt: new Date(now - c.createdDaysAgo * DAY),
        })),
      )
      .returning({ id: contacts.id });
    const links = inserted.flatMap((row, i) =>
      batch[i]!.tagNames.map((name) => ({ orgId, contactId: row.id, tagId: tagIdByName.get(name)! })),
    );
    if (links.length) await db.insert(contactTags).values(links);
  }
}

async function ensureDemoTags(db: DbOrTx, orgId: string) {
  await db
    .insert(tags)
    .values(DEMO_TAGS.map((t) => ({ orgId, name: t.name, color: t.color })))
    .onConflictDoNothing();
  return db.select({ id: tags.id, name: tags.name }).from(tags).where(eq(tags.orgId, orgId));
}

/**
 * `now` is the seed's clock: dates written into demo content (a code's expiry) count from it.
 * `copy` > 0 makes the same workspace again for other users (demoUsers), not marked as the demo:
 * the login page lists only Demo Co's accounts, and the demo is still made once per database.
 */
export async function createDemoWorkspace(db: Db, now: Date = new Date(), copy = 0): Promise<string> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({
        name: "Demo Co",
        currency: "USD",
        timeZone: DEMO_TIME_ZONE,
        quietHoursStart: "21:00",
        quietHoursEnd: "08:00",
        isDemo: copy === 0,
      })
      .returning({
        id: organizations.id,
        locale: organizations.locale,
        timeZone: organizations.timeZone,
        currency: organizations.currency,
      });
    const created = await tx
      .insert(users)
      .values(
        demoUsers(copy).map((u) => ({ orgId: org!.id, email: u.email, name: u.name, role: u.role, passwordHash })),
      )
      .returning({ id: users.id, role: users.role });
    const owners = created.filter((u) => u.role !== "staff").map((u) => u.id);
    await insertDemoContacts(tx, org!.id, DEMO_CONTACT_COUNT, { ownerIds: owners });
    await insertDemoLeads(tx, org!.id, DEMO_LEAD_COUNT, { ownerIds: owners });
    await ensureEmailDefaults(tx, org!.id);
    const idOf = (role: string) => created.find((u) => u.role === role)!.id;
    await installDefaultPlaybooks(systemCtx(tx, org!.id, systemActor("demo_seed")), "active");
    await insertDemoActivity(
      tx,
      org!.id,
      { ownerId: idOf("owner"), repId: idOf("rep"), staffId: idOf("staff") },
      undefined,
      undefined,
      DEMO_TIME_ZONE,
    );
    await insertDemoSegments(tx, org!.id, { ownerId: idOf("owner"), staffId: idOf("staff") });
    await insertDemoEmail(tx, org!.id, now, org!);
    await insertDemoCampaign(tx, org!.id, now, idOf("owner"));
    if (copy === 0) await tx.insert(appMeta).values({ key: DEMO_SEEDED_KEY, value: new Date().toISOString() });
    return org!.id;
  });
}

/**
 * The demo workspace is made once per database: deleting it later does not bring it back. `copies`
 * more are made with it (createDemoWorkspace's `copy`), for parallel end-to-end workers.
 */
export async function seedDemoOnce(db: Db, now: Date = new Date(), copies = 0): Promise<"created" | "exists"> {
  const [seeded] = await db.select().from(appMeta).where(eq(appMeta.key, DEMO_SEEDED_KEY)).limit(1);
  if (seeded) return "exists";
  try {
    await createDemoWorkspace(db, now);
    for (let copy = 1; copy <= copies; copy++) await createDemoWorkspace(db, now, copy);
    return "created";
  } catch (error) {
    // Another process sharing this PostgreSQL seeded it first.
    if (isUniqueViolation(error)) return "exists";
    throw error;
  }
}

export async function findDemoOrgId(db: DbOrTx): Promise<string | null> {
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.isDemo, true))
    .limit(1);
  return org?.id ?? null;
}
