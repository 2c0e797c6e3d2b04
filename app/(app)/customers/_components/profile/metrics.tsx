import Link from "next/link";
import type { ContactRow } from "@/lib/customers/load";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Money, When } from "@/components/ui/when";

type Person = { id: string; firstName: string; lastName: string };

export function Metrics({
  contact,
  currency,
  engagement,
  referred,
  referrer,
}: {
  contact: ContactRow;
  currency: string;
  engagement: { score: number; max: number; reasons: string[] };
  referred: Person[];
  referrer: Person | null;
}) {
  const spent = <Money minor={contact.totalSpentMinor} currency={currency} cents />;
  return (
    <Card title="Metrics">
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <Metric label="First visit" value={<When value={contact.firstVisitAt} style="date" />} />
        <Metric label="Last visit" value={<When value={contact.lastVisitAt} style="date" />} />
        <Metric label="Total visits" value={String(contact.totalVisits)} testId="metric-visits" />
        <Metric label="Total spent" value={spent} testId="metric-spent" />
        <Metric label="Lifetime value" value={spent} />
        <Metric label="Engagement" value={`${engagement.score} / ${engagement.max}`} />
      </dl>
      <ul className="mt-3 list-disc pl-5 text-xs text-slate-600" aria-label="Why this engagement score">
        {engagement.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {referrer || referred.length ? (
        <p className="mt-3 text-sm text-slate-700">
          {referrer ? (
            <>
              Referred by{" "}
              <Link className="text-brand-700 hover:underline" href={`/customers/${referrer.id}`}>
                {referrer.firstName} {referrer.lastName}
              </Link>
              .{" "}
            </>
          ) : null}
          {referred.length ? (
            <>
              Customers they referred:{" "}
              {referred.map((p, i) => (
                <span key={p.id}>
                  {i > 0 ? ", " : ""}
                  <Link className="text-brand-700 hover:underline" href={`/customers/${p.id}`}>
                    {p.firstName} {p.lastName}
                  </Link>
                </span>
              ))}
            </>
          ) : null}
        </p>
      ) : null}
    </Card>
  );
}

function Metric({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-semibold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
