// npm run clock -- advance 24h | show
// Moves the embedded executor's clock (never in production). Talks to the running app over HTTP
// (PGlite allows one process per data folder); opens the database itself only when no app answers.
import { openDatabase } from "@/db/client";
import { advanceClock, clockNow, clockOffsetMs, loadClock } from "@/inngest/local/clock";
import { clockAllowed } from "@/inngest/local/clock-access";
import { parseDuration } from "@/inngest/local/duration";
import { executorKeys, internalBaseUrl } from "@/inngest/target";

const [command, amount] = process.argv.slice(2);
const usage = "usage: npm run clock -- advance <duration, e.g. 24h, 90m, 1d2h> | show";

async function main(): Promise<number> {
  if (!clockAllowed()) {
    console.error("The executor clock cannot be moved in production.");
    return 1;
  }
  if (command !== "show" && command !== "advance") {
    console.error(usage);
    return 2;
  }
  const ms = command === "advance" ? parseDuration(amount ?? "") : 0;
  if (ms === null) {
    console.error(`"${amount}" is not a duration. ${usage}`);
    return 2;
  }
  const url = `${internalBaseUrl()}/api/executor/clock`;
  const headers = { authorization: `Bearer ${executorKeys().clockKey}`, "content-type": "application/json" };
  let res: Response | undefined;
  try {
    res = await fetch(
      url,
      command === "show" ? { headers } : { method: "POST", headers, body: JSON.stringify({ advance: amount }) },
    );
  } catch {
    res = undefined; // no app running: use the database directly
  }
  if (res) {
    const body = (await res.json().catch(() => ({}))) as { now?: string; offsetMs?: number; error?: string };
    if (!res.ok) {
      console.error(`${url}: ${body.error ?? res.status}`);
      return 1;
    }
    console.log(
      `executor time ${body.now} (ahead of the wall clock by ${Math.round((body.offsetMs ?? 0) / 60_000)} min; via the running app)`,
    );
    return 0;
  }
  const handle = await openDatabase();
  try {
    if (command === "advance") await advanceClock(handle.db, ms);
    else await loadClock(handle.db);
    console.log(
      `executor time ${clockNow().toISOString()} (ahead of the wall clock by ${Math.round(clockOffsetMs() / 60_000)} min; no app running, stored in the database)`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
