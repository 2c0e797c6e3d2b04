import Link from "next/link";
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES } from "@/lib/customers/lifecycle";
import type { ListFilters } from "@/lib/customers/list.schema";
import { Input, Select } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

/** A plain GET form: filters live in the URL, so they can be shared, bookmarked and exported. */
export function CustomerFilters({
  filters,
  tags,
  assignees,
  cols,
}: {
  filters: ListFilters;
  tags: { id: string; name: string }[];
  assignees: { id: string; name: string }[];
  cols: string;
}) {
  return (
    <form
      method="get"
      action="/customers"
      role="search"
      className="mb-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-7"
    >
      <label className="sr-only" htmlFor="q">
        Search customers
      </label>
      <Input
        id="q"
        name="q"
        type="search"
        defaultValue={filters.q}
        placeholder="Name, email, phone or company"
        className="lg:col-span-2"
      />
      <Select name="stage" aria-label="Lifecycle stage" defaultValue={filters.stage[0] ?? ""}>
        <option value="">Any stage</option>
        {LIFECYCLE_STAGES.map((s) => (
          <option key={s} value={s}>
            {LIFECYCLE_LABELS[s]}
          </option>
        ))}
      </Select>
      <Select name="tags" aria-label="Tag" defaultValue={filters.tags[0] ?? ""}>
        <option value="">Any tag</option>
        {tags.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Select>
      <Select name="owner" aria-label="Owner" defaultValue={filters.owner}>
        <option value="">Any owner</option>
        <option value="me">Mine</option>
        <option value="none">No owner</option>
        {assignees.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </Select>
      <Select name="seen" aria-label="Last seen" defaultValue={filters.seen}>
        <option value="">Seen any time</option>
        <option value="7d">Seen in 7 days</option>
        <option value="30d">Seen in 30 days</option>
        <option value="90d">Seen in 90 days</option>
        <option value="over_90d">Not seen for 90+ days</option>
        <option value="never">Never seen</option>
      </Select>
      <div className="flex gap-2">
        <Select name="sort" aria-label="Sort by" defaultValue={filters.sort}>
          <option value="name">Name A–Z</option>
          <option value="recent">Newest</option>
          <option value="last_seen">Last seen</option>
          <option value="spent">Total spent</option>
        </Select>
        {cols ? <input type="hidden" name="cols" value={cols} /> : null}
        <Button type="submit">Apply</Button>
      </div>
      {filters.q || filters.tags.length || filters.stage.length || filters.owner || filters.seen ? (
        <Link
          href="/customers"
          className="text-sm font-medium text-brand-700 hover:underline sm:col-span-2 lg:col-span-7"
        >
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
