import { Card, PageHeader } from "@/components/ui/card";
import type { InngestTarget } from "@/inngest/target";

/** With Inngest Cloud or a dev server the runs live there: link out instead of showing a copy. */
export function CloudNotice({ target }: { target: Exclude<InngestTarget, { kind: "embedded" }> }) {
  const href = target.kind === "dev" ? `${target.url.replace(/\/+$/, "")}/runs` : "https://app.inngest.com/";
  return (
    <>
      <PageHeader title="Background jobs" description="Background jobs: playbooks, imports, sends." />
      <Card>
        <p className="text-sm text-slate-700">
          Tend&apos;s background jobs run on {target.kind === "dev" ? "an Inngest dev server" : "Inngest Cloud"}. Their
          runs, steps and retries are shown there.
        </p>
        <a
          href={href}
          target="_blank"
          rel="noreferrer"
          className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline"
        >
          Open the runs in Inngest ↗
        </a>
      </Card>
    </>
  );
}
