import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { executorRuns, executorSteps } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { cancelRunForOrg, getRun, listRuns, retryRunForOrg } from "@/lib/jobs/runs";
import { createTestOrg, setupTestDb } from "./helpers";

const getDb = setupTestDb();

async function insertRun(orgId: string, status: "sleeping" | "failed", fn = "tend-demo") {
  const now = new Date();
  const [run] = await getDb()
    .insert(executorRuns)
    .values({
      env: `console-${randomUUID()}`,
      functionId: fn,
      orgId,
      eventId: randomUUID(),
      event: { name: "crm/test", data: { orgId } },
      status,
      maxAttempts: 4,
      stack: ["s1", "s2"],
      createdAt: now,
      error: status === "failed" ? { name: "Error", message: "boom" } : null,
      waitingFor: status === "sleeping" ? { kind: "sleep", until: now.toISOString() } : null,
    })
    .returning();
  await getDb()
    .insert(executorSteps)
    .values([
      {
        runId: run!.id,
        stepId: "s1",
        position: 0,
        name: "first",
        op: "StepRun",
        status: "completed",
        output: { ok: 1 },
        startedAt: now,
        endedAt: now,
      },
      {
        runId: run!.id,
        stepId: "s2",
        position: 1,
        name: "second",
        op: "StepFailed",
        status: "failed",
        error: { name: "Error", message: "boom" },
        attempts: 4,
        startedAt: now,
        endedAt: now,
      },
    ]);
  return run!;
}

describe("runs console", () => {
  it("lists and shows only the organisation's runs, to owners", async () => {
    const org = await createTestOrg(getDb());
    const other = await createTestOrg(getDb());
    const mine = await insertRun(org.orgId, "failed", "tend-mine");
    const theirs = await insertRun(other.orgId, "failed");
    const { runs, functions } = await listRuns(org.owner.ctx, { status: "failed" });
    expect(runs.map((r) => r.id)).toEqual([mine.id]);
    expect(functions).toEqual(["tend-mine"]);
    expect((await listRuns(org.owner.ctx, { fn: "nope" })).runs).toEqual([]);
    const detail = await getRun(org.owner.ctx, mine.id);
    expect(detail.steps.map((s) => s.name)).toEqual(["first", "second"]);
    await expect(getRun(org.owner.ctx, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listRuns(org.rep.ctx, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getRun(org.staff.ctx, mine.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("retries a failed run from its failed step, keeping the steps before it", async () => {
    const org = await createTestOrg(getDb());
    const run = await insertRun(org.orgId, "failed");
    await expect(retryRunForOrg(org.rep.ctx, { runId: run.id })).rejects.toBeInstanceOf(ForbiddenError);
    await retryRunForOrg(org.owner.ctx, { runId: run.id });
    const [after] = await getDb().select().from(executorRuns).where(eq(executorRuns.id, run.id));
    expect(after!.status).toBe("queued");
    expect(after!.stack).toEqual(["s1"]);
    const steps = await getDb().select().from(executorSteps).where(eq(executorSteps.runId, run.id));
    expect(steps.map((s) => s.stepId)).toEqual(["s1"]);
    await expect(retryRunForOrg(org.owner.ctx, { runId: run.id })).rejects.toBeInstanceOf(ConflictError);
  });

  it("cancels an active run; another organisation's run reads as not found", async () => {
    const org = await createTestOrg(getDb());
    const other = await createTestOrg(getDb());
    const run = await insertRun(org.orgId, "sleeping");
    await expect(cancelRunForOrg(other.owner.ctx, { runId: run.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(cancelRunForOrg(org.rep.ctx, { runId: run.id })).rejects.toBeInstanceOf(ForbiddenError);
    await cancelRunForOrg(org.owner.ctx, { runId: run.id });
    const [after] = await getDb().select().from(executorRuns).where(eq(executorRuns.id, run.id));
    expect(after!.status).toBe("cancelled");
    await expect(cancelRunForOrg(org.owner.ctx, { runId: run.id })).rejects.toBeInstanceOf(ConflictError);
    await expect(cancelRunForOrg(org.owner.ctx, { runId: "not-a-uuid" })).rejects.toThrow(/runId/);
  });
});
