import { PageHeader } from "@/components/ui/card";

export default function Loading() {
  return (
    <>
      <PageHeader title="Audit log" />
      <div role="status" aria-live="polite" className="space-y-3">
        <span className="sr-only">Loading the audit log…</span>
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} aria-hidden="true" className="h-10 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </>
  );
}
