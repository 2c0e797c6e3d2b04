import Link from "next/link";
import { StatusBadge } from "@/components/playbooks/status-badge";
import { formatTime } from "../../runs/run-status";

type Run = { id: string; status: string; startedAt: Date; endedAt: Date | null; endReason: string | null; convertedAt: Date | null; valueMinor: number | null; versionId: string; firstName: string; lastName: string };

export function RunsTable({ runs, versions }: { runs: Run[]; versions: Map<string, number> }) {
  if (runs.length === 0) return <p className="py-6 text-center text-sm text-slate-500">No runs yet. A run starts when the trigger happens to a customer, or when an owner enrols one.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Customer</th>
            <th scope="col" className="py-2 pr-3 font-medium">Status</th>
            <th scope="col" className="py-2 pr-3 font-medium">Version</th>
            <th scope="col" className="py-2 pr-3 font-medium">Started</th>
            <th scope="col" className="py-2 font-medium">Outcome</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((r) => (
            <tr key={r.id}>
              <td className="py-2 pr-3"><Link href={`/playbooks/runs/${r.id}`} className="font-medium text-brand-700 hover:underline">{`${r.firstName} ${r.lastName}`.trim()}</Link></td>
              <td className="py-2 pr-3"><StatusBadge status={r.status} /></td>
              <td className="py-2 pr-3">v{versions.get(r.versionId) ?? "?"}</td>
              <td className="py-2 pr-3">{formatTime(r.startedAt)}</td>
              <td className="py-2 text-xs text-slate-600">{r.convertedAt ? `converted${r.valueMinor != null ? ` (${(r.valueMinor / 100).toFixed(2)})` : ""}` : (r.endReason ?? "")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
