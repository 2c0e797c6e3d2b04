import { getDb } from "@/db/client";
import { organizations, segments } from "@/db/schema";
import { eq } from "drizzle-orm";
import { dependencyEvents } from "@/lib/segments/registry";
import { refreshForEvent, refreshOrgSegments } from "@/lib/segments/refresh-org";
import { inngest } from "../client";

/** How long a burst of changes in one organisation may go on before its segments are recomputed. */
export const SEGMENT_SETTLE = "5s";

/**
 * Membership follows the data: any event a segment's fields depend on recomputes the
 * organisation's affected segments. Runs are one at a time per organisation and wait a few
 * seconds first; a run whose segments were already refreshed after its event does nothing,
 * so a burst costs one refresh (a debounce the embedded executor can also run).
 */
export const refreshOnChangeConfig = {
  id: "segments-refresh-on-change",
  triggers: dependencyEvents().map((event) => ({ event })),
  concurrency: { key: "event.data.orgId", limit: 1 },
};

type Ctx = {
  event: { name: string; data: unknown; ts?: number };
  step: {
    sleep: (id: string, d: string) => Promise<unknown>;
    run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown>;
  };
};

export async function refreshOnChange({ event, step }: Ctx) {
  const orgId = (event.data as { orgId: string }).orgId;
  const since = new Date(event.ts ?? Date.now());
  await step.sleep("settle", SEGMENT_SETTLE);
  return step.run("refresh", async () => ({
    refreshed: await refreshForEvent(await getDb(), orgId, event.name, since),
  }));
}

export const refreshSegmentsOnChange = inngest.createFunction(refreshOnChangeConfig, refreshOnChange as never);

/**
 * Daily, every dynamic segment: a safety net for changes no event announces (bulk imports,
 * deleted customers, data written by other tools).
 */
export const refreshSegmentsDaily = inngest.createFunction(
  { id: "segments-refresh-daily", triggers: [{ cron: "TZ=UTC 37 3 * * *" }] },
  async ({ step }) => {
    const orgIds = await step.run("organisations", async () =>
      (
        await (
          await getDb()
        )
          .selectDistinct({ id: organizations.id })
          .from(organizations)
          .innerJoin(segments, eq(segments.orgId, organizations.id))
          .where(eq(segments.kind, "dynamic"))
      ).map((o) => o.id),
    );
    let changed = 0;
    for (const orgId of orgIds)
      changed += (await step.run(
        `org-${orgId}`,
        async () => (await refreshOrgSegments(await getDb(), orgId)).changed,
      )) as number;
    return { organisations: orgIds.length, changed };
  },
);

/** Hourly: segments with relative-time conditions ("within the last 30 days") drift with the clock alone. */
export const refreshSegmentsOnSchedule = inngest.createFunction(
  { id: "segments-refresh-schedule", triggers: [{ cron: "TZ=UTC 7 * * * *" }] },
  async ({ step }) => {
    const orgIds = await step.run("organisations", async () =>
      (
        await (
          await getDb()
        )
          .selectDistinct({ id: organizations.id })
          .from(organizations)
          .innerJoin(segments, eq(segments.orgId, organizations.id))
          .where(eq(segments.timeRelative, true))
      ).map((o) => o.id),
    );
    let changed = 0;
    for (const orgId of orgIds)
      changed += (await step.run(
        `org-${orgId}`,
        async () => (await refreshOrgSegments(await getDb(), orgId, { onlyTimeRelative: true })).changed,
      )) as number;
    return { organisations: orgIds.length, changed };
  },
);
