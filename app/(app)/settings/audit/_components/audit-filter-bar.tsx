import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from "@/lib/audit/actions";
import type { AuditFilters } from "@/lib/audit/filters";
import { FilterSelect, filterControlClasses } from "@/components/ui/filter-select";
import { buttonClasses } from "@/components/ui/button";

const TARGET_LABELS: Record<string, string> = {
  organization: "Organisation",
  user: "Teammate",
  api_key: "API key",
  customer: "Customer",
  customers: "Customers (bulk)",
  lead: "Lead",
  pipeline: "Pipeline",
  pipeline_stage: "Pipeline stage",
  segment: "Segment",
  playbook: "Playbook",
  playbook_run: "Playbook run",
  email_template: "Email template",
  email_topic: "Email topic",
  email_message: "Email",
  campaign: "Campaign",
};

/** A plain GET form: works without JavaScript, every control labelled and reachable by Tab. */
export function AuditFilterBar({
  filters,
  actors,
}: {
  filters: Omit<AuditFilters, "cursor">;
  actors: { key: string; label: string }[];
}) {
  return (
    <form method="get" action="/settings/audit" className="flex flex-wrap items-end gap-3" role="search">
      <FilterSelect
        label="Who"
        name="actor"
        value={filters.actor}
        anyLabel="Anyone"
        options={actors.map((a) => ({ value: a.key, label: a.label }))}
      />
      <FilterSelect
        label="Action"
        name="action"
        value={filters.action}
        anyLabel="Any action"
        options={Object.entries(AUDIT_ACTIONS).map(([value, a]) => ({ value, label: a.label }))}
      />
      <FilterSelect
        label="Record"
        name="targetType"
        value={filters.targetType}
        anyLabel="Any record"
        options={AUDIT_TARGET_TYPES.map((t) => ({ value: t, label: TARGET_LABELS[t] ?? t }))}
      />
      {filters.targetId ? <input type="hidden" name="targetId" value={filters.targetId} /> : null}
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600">From</span>
        <input type="date" name="from" defaultValue={filters.from ?? ""} className={filterControlClasses} />
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600">To</span>
        <input type="date" name="to" defaultValue={filters.to ?? ""} className={filterControlClasses} />
      </label>
      <button type="submit" className={buttonClasses("primary")}>
        Apply
      </button>
      <a href="/settings/audit" className="py-1.5 text-sm text-slate-600 hover:underline">
        Clear
      </a>
    </form>
  );
}
