import { Card } from "@/components/ui/card";
import { Money, Num, When } from "@/components/ui/when";
import type { CampaignResults } from "@/lib/campaigns";
import type { Formatter } from "@/lib/format";

const BASIS_TEXT = { click: "a click", open: "an open or click", delivery: "delivery" } as const;

/** Conversions and revenue the campaign earned, its A/B variants side by side, and the holdout comparison. */
export function ResultsCard({
  results,
  basis,
  windowDays,
  fmt,
}: {
  results: CampaignResults;
  basis: keyof typeof BASIS_TEXT;
  windowDays: number;
  fmt: Formatter;
}) {
  const { test, uplift, currency } = results;
  const rate = (n: number, d: number) => (d ? fmt.percent(n / d) : "—");
  return (
    <Card
      title="Conversions and revenue"
      description={`A purchase counts when it follows ${BASIS_TEXT[basis]} within ${windowDays} ${windowDays === 1 ? "day" : "days"}. As of ${fmt.dateTime(results.asOf)}.`}
    >
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="campaign-conversions">
        <div>
          <dt className="text-xs text-slate-500 uppercase">Recipients</dt>
          <dd className="text-lg font-semibold tabular-nums">
            <Num value={results.recipients} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 uppercase">Converted (people)</dt>
          <dd className="text-lg font-semibold tabular-nums">
            <Num value={results.converters} />
            <span className="ml-1 text-sm font-normal text-slate-500">
              {rate(results.converters, results.recipients)}
            </span>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 uppercase">Conversions</dt>
          <dd className="text-lg font-semibold tabular-nums">
            <Num value={results.conversions} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 uppercase">Revenue</dt>
          <dd className="text-lg font-semibold tabular-nums">
            <Money minor={results.revenueMinor} currency={currency} cents />
          </dd>
        </div>
      </dl>

      {test ? (
        <div className="mt-6 space-y-2" data-testid="ab-results">
          <h3 className="text-sm font-semibold">A/B test</h3>
          {test.state === "decided" ? (
            <p className="text-sm" data-testid="ab-decision">
              Variant <strong>{test.chosen}</strong> went to the rest of the audience on <When value={test.decidedAt} />
              . {test.reason}
            </p>
          ) : (
            <p className="text-sm" data-testid="ab-decision">
              Judged on <When value={test.decidesAt} />; until then the rest of the audience waits. Now: {test.standing}
            </p>
          )}
          {results.variants.length === 0 ? (
            <p className="text-sm text-slate-500">No variant has reached anyone yet.</p>
          ) : (
            <div className="table-frame">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">
                  Variants: the test group, then the rest who got the chosen variant
                </caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
                  <tr>
                    <th className="px-3 py-2">Variant</th>
                    <th className="px-3 py-2 text-right">Recipients</th>
                    <th className="px-3 py-2 text-right">Opened (people)</th>
                    <th className="px-3 py-2 text-right">Clicked (people)</th>
                    <th className="px-3 py-2 text-right">Converted</th>
                    <th className="px-3 py-2 text-right">Revenue / recipient</th>
                    <th className="px-3 py-2 text-right">Chance of best</th>
                  </tr>
                </thead>
                <tbody>
                  {results.variants.map((v) => (
                    <tr key={`${v.group}:${v.id}`} className="border-b border-slate-100 last:border-0">
                      <th scope="row" className="px-3 py-2 font-medium">
                        {v.group === "test" ? `Variant ${v.id}` : `Rest (variant ${v.id})`}
                      </th>
                      <td className="px-3 py-2 text-right tabular-nums">
                        <Num value={v.recipients} />
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{rate(v.opens, v.recipients)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{rate(v.clicks, v.recipients)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{rate(v.conversions, v.recipients)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">
                        {v.recipients ? <Money minor={v.revenueMinor / v.recipients} currency={currency} cents /> : "—"}
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">
                        {v.group === "test" && test.probabilities?.[v.id] !== undefined
                          ? fmt.percent(test.probabilities[v.id]!)
                          : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : null}

      {uplift ? (
        <div className="mt-6 space-y-1 text-sm" data-testid="holdout-results">
          <h3 className="font-semibold">Against the holdout</h3>
          <p>
            <Num value={uplift.holdout.customers} /> customers got nothing. Revenue per customer:{" "}
            <Money minor={uplift.recipients.revenuePerCustomerMinor ?? 0} currency={currency} cents /> among recipients,{" "}
            <Money minor={uplift.holdout.revenuePerCustomerMinor ?? 0} currency={currency} cents /> in the holdout (both
            counted from delivery, or when it would have arrived).
          </p>
          <p>
            Incremental revenue:{" "}
            <strong>
              {uplift.incrementalRevenueMinor === null ? (
                "—"
              ) : (
                <Money minor={uplift.incrementalRevenueMinor} currency={currency} cents />
              )}
            </strong>
            {uplift.interval95 ? (
              <>
                {" "}
                (95% interval <Money minor={uplift.interval95.lowMinor} currency={currency} cents /> to{" "}
                <Money minor={uplift.interval95.highMinor} currency={currency} cents />)
              </>
            ) : (
              <> — no interval yet: each group needs two customers and some spread in what they spent.</>
            )}
          </p>
        </div>
      ) : null}
    </Card>
  );
}
