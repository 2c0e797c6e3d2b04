import { count, eq } from "drizzle-orm";
import { openDatabase } from "../client";
import { databaseTarget } from "../config";
import { contacts, users } from "../schema";
import { createDemoWorkspace, findDemoOrgId, insertDemoContacts } from "./demo";

function parseArgs(argv: string[]) {
  const args = { contacts: 0, org: undefined as string | undefined, seed: Date.now() % 1_000_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--contacts" && value) {
      args.contacts = Number(value);
      i++;
    } else if (flag === "--org" && value) {
      args.org = value;
      i++;
    } else if (flag === "--seed" && value) {
      args.seed = Number(value);
      i++;
    } else if (flag === "--help") {
      console.log(
        "Usage: npm run db:seed -- [--contacts N] [--org ORG_ID] [--seed N]\nCreates the demo workspace if missing, then adds N generated contacts to it (or to ORG_ID).",
      );
      process.exit(0);
    } else throw new Error(`Unknown argument ${flag}. Try --help.`);
  }
  if (!Number.isInteger(args.contacts) || args.contacts < 0)
    throw new Error("--contacts must be a whole number of 0 or more");
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const target = databaseTarget();
  console.log(`Seeding ${target.kind === "postgres" ? "PostgreSQL" : `PGlite at ${target.dir}`}`);
  const handle = await openDatabase(target);
  try {
    let orgId = args.org ?? (await findDemoOrgId(handle.db));
    if (!orgId) {
      orgId = await createDemoWorkspace(handle.db);
      console.log("Created the demo workspace (Demo Co).");
    }
    if (args.contacts > 0) {
      const [existing] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.orgId, orgId));
      const ownerRows = await handle.db.select({ id: users.id }).from(users).where(eq(users.orgId, orgId));
      const started = Date.now();
      await insertDemoContacts(handle.db, orgId, args.contacts, {
        seed: args.seed,
        startIndex: existing?.n ?? 0,
        ownerIds: ownerRows.map((u) => u.id),
      });
      console.log(`Added ${args.contacts} contacts to ${orgId} in ${Date.now() - started} ms.`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
