import Link from "next/link";
import type { Graph } from "@/lib/playbooks/graph.schema";
import type { playbookRunLog } from "@/db/schema";
import { StatusBadge } from "@/components/playbooks/status-badge";
import { nodeSummary } from "@/app/(app)/playbooks/_components/node-summary";
import { When } from "@/components/ui/when";

type LogRow = typeof playbookRunLog.$inferSelect;

export function Timeline({ graph, log, templates }: { graph: Graph; log: LogRow[]; templates: Map<string, string> }) {
  if (log.length === 0)
    return <p className="text-sm text-slate-500">Nothing has happened yet: the first step is about to run.</p>;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return (
    <ol className="space-y-3">
      {log.map((l) => {
        const node = byId.get(l.nodeId);
        const s = node ? nodeSummary(node, templates) : { title: l.nodeType, detail: "" };
        return (
          <li key={l.id} className="rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="flex items-center gap-2">
                <StatusBadge status={l.status} />
                <span className="font-medium">{s.title}</span>
                <span className="text-xs text-slate-500">{s.detail}</span>
              </span>
              <When value={l.at} className="text-xs text-slate-600" />
            </div>
            <p className="mt-1 text-sm text-slate-700">{l.detail}</p>
            {l.messageId ? (
              <Link
                href={`/outbox/${l.messageId}`}
                className="mt-1 inline-block text-sm text-brand-700 hover:underline"
              >
                Open the email in the outbox
              </Link>
            ) : null}
            {typeof l.data.code === "string" ? <p className="mt-1 font-mono text-xs">{l.data.code}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
