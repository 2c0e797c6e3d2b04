// npm run bench:chaos — issue 13 §2d: a busy mixed workload (playbook runs that send and sleep,
// segment refreshes at most one at a time per organisation, the queued-mail sweep, sends to the
// Resend stand-in with faults) while the server process is killed with SIGKILL at random moments
// and started again (tests/executor/chaos.ts).
//   DATABASE_URL → PostgreSQL; otherwise PGlite in a temporary folder.
//   BENCH_KILLS (30), BENCH_CONTACTS (150), BENCH_LEASE_MS (30000), BENCH_FAULT_RATE (0.1).
// Last line: {"driver","kills","runs","unfinished","duplicate_sends","max_stall_s","lease_s", …}.
// Targets: unfinished 0, duplicate_sends 0, max_stall_s ≤ lease_s + 10.
import { runChaos } from "@/tests/executor/chaos";

async function main() {
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const result = await runChaos({
    kills: Number(process.env.BENCH_KILLS ?? 30),
    contacts: Number(process.env.BENCH_CONTACTS ?? 150),
    leaseMs: Number(process.env.BENCH_LEASE_MS ?? 30_000),
    faultRate: Number(process.env.BENCH_FAULT_RATE ?? 0.1),
    databaseUrl,
    log: (m) => console.error(`[bench] ${m}`),
  });
  const ok = result.unfinished === 0 && result.duplicate_sends === 0 && result.max_stall_s <= result.lease_s + 10;
  console.error(
    `[bench] targets ${ok ? "met" : "NOT met"}: unfinished 0, duplicate_sends 0, max_stall_s ≤ lease_s + 10`,
  );
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
