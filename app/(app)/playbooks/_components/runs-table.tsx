import Link from "next/link";
import { StatusBadge } from "@/components/playbooks/status-badge";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { When } from "@/components/ui/when";

type Run = {
  id: string;
  status: string;
  startedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  convertedAt: Date | null;
  valueMinor: number | null;
  versionId: string;
  firstName: string;
  lastName: string;
};

export function RunsTable({ runs, versions }: { runs: Run[]; versions: Map<string, number> }) {
  const columns: DataColumn<Run>[] = [
    {
      key: "customer",
      header: "Customer",
      cell: (r) => (
        <Link href={`/playbooks/runs/${r.id}`} className="font-medium text-brand-700 hover:underline">
          {`${r.firstName} ${r.lastName}`.trim()}
        </Link>
      ),
    },
    { key: "status", header: "Status", cell: (r) => <StatusBadge status={r.status} /> },
    { key: "version", header: "Version", cell: (r) => `v${versions.get(r.versionId) ?? "?"}` },
    { key: "started", header: "Started", cell: (r) => <When value={r.startedAt} /> },
    {
      key: "outcome",
      header: "Outcome",
      className: "text-xs text-slate-600",
      cell: (r) =>
        r.convertedAt
          ? `converted${r.valueMinor != null ? ` (${(r.valueMinor / 100).toFixed(2)})` : ""}`
          : (r.endReason ?? ""),
    },
  ];
  return (
    <DataTable
      label="Runs of this playbook"
      className="min-w-[40rem]"
      columns={columns}
      rows={runs}
      rowKey={(r) => r.id}
      empty={
        <p className="py-6 text-center text-sm text-slate-500">
          No runs yet. A run starts when the trigger happens to a customer, or when an owner enrols one.
        </p>
      }
    />
  );
}
