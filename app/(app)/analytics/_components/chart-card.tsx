"use client";

import { useId, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useFormat } from "@/components/providers/format-provider";
import { Button } from "@/components/ui/button";
import { csvLine } from "@/lib/customers/csv";
import type { Formatter } from "@/lib/format";

export type ValueFormat = "count" | "money" | "percent" | "days";
export type ChartColumn = { key: string; label: string; format: ValueFormat; color?: string };
export type ChartRow = Record<string, string | number | null>;

const COLORS = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2"];

export function formatValue(format: Formatter, kind: ValueFormat, value: number | string | null): string {
  if (value === null || value === "") return "—";
  if (typeof value === "string") return value;
  if (kind === "money") return format.money(value);
  if (kind === "percent") return format.percent(value);
  if (kind === "days") return `${format.number(Math.round(value * 10) / 10)} d`;
  return format.number(value);
}

/**
 * One chart with its numbers: a table view and a CSV of exactly what is drawn, a text summary for
 * screen readers, and a plain sentence when the range holds nothing.
 */
export function ChartCard({
  title,
  description,
  kind,
  xKey,
  xLabel,
  xIsDay = false,
  columns,
  extraColumns = [],
  rows,
  filename,
  testId,
  levels = false,
}: {
  title: string;
  description?: string;
  kind: "line" | "bar";
  xKey: string;
  xLabel: string;
  /** x values are bucket keys (calendar days in the organisation's zone). */
  xIsDay?: boolean;
  columns: ChartColumn[];
  /** Shown in the table and the CSV, not drawn (rates beside the counts they come from). */
  extraColumns?: ChartColumn[];
  rows: ChartRow[];
  filename: string;
  testId?: string;
  /** Each row is a level at the end of its period (customers per stage), not a flow: the text says the last. */
  levels?: boolean;
}) {
  const tableColumns = [...columns, ...extraColumns];
  const format = useFormat();
  const [view, setView] = useState<"chart" | "table">("chart");
  const headingId = useId();
  const xText = (v: string | number | null) => (xIsDay && typeof v === "string" ? format.day(v) : String(v ?? ""));
  const empty = rows.length === 0 || rows.every((r) => columns.every((c) => !Number(r[c.key] ?? 0)));
  const last = rows.at(-1);
  const totals = levels
    ? last
      ? `At the end: ${columns.map((c) => `${c.label}: ${formatValue(format, c.format, Number(last[c.key] ?? 0))}`).join(", ")}`
      : ""
    : columns
        .filter((c) => c.format === "count" || c.format === "money")
        .map(
          (c) =>
            `${c.label}: ${formatValue(
              format,
              c.format,
              rows.reduce((s, r) => s + Number(r[c.key] ?? 0), 0),
            )}`,
        )
        .join(", ");

  function download() {
    const csv = [csvLine([xLabel, ...tableColumns.map((c) => c.label)])]
      .concat(rows.map((r) => csvLine([r[xKey], ...tableColumns.map((c) => r[c.key])])))
      .join("");
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${filename}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  const Chart = kind === "line" ? LineChart : BarChart;
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white shadow-xs"
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-3">
        <div>
          <h2 id={headingId} className="text-base font-semibold">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-slate-500">{description}</p> : null}
        </div>
        <div className="flex items-center gap-2" role="group" aria-label={`${title}: view`}>
          <Button
            variant={view === "chart" ? "secondary" : "ghost"}
            aria-pressed={view === "chart"}
            onClick={() => setView("chart")}
          >
            Chart
          </Button>
          <Button
            variant={view === "table" ? "secondary" : "ghost"}
            aria-pressed={view === "table"}
            onClick={() => setView("table")}
          >
            Table
          </Button>
          <Button variant="ghost" onClick={download} disabled={rows.length === 0}>
            Download CSV
          </Button>
        </div>
      </header>
      <div className="px-5 py-4">
        {empty ? (
          <p className="py-8 text-center text-sm text-slate-500" data-testid="chart-empty">
            Nothing to show in this range.
          </p>
        ) : view === "chart" ? (
          <figure>
            <div className="h-64" aria-hidden="true">
              <ResponsiveContainer width="100%" height="100%">
                {/* Hidden from assistive tech (the caption and the table carry the numbers), so not focusable either. */}
                <Chart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
                  <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                  <XAxis dataKey={xKey} tickFormatter={xText} tick={{ fontSize: 12 }} minTickGap={16} />
                  <YAxis
                    tick={{ fontSize: 12 }}
                    width={56}
                    tickFormatter={(v: number) => formatValue(format, columns[0]?.format ?? "count", v)}
                  />
                  <Tooltip
                    labelFormatter={(v) => xText(v as string)}
                    formatter={(v, name) => {
                      const column = columns.find((c) => c.label === name);
                      return formatValue(format, column?.format ?? "count", v as number);
                    }}
                  />
                  <Legend />
                  {columns.map((c, i) =>
                    kind === "line" ? (
                      <Line
                        key={c.key}
                        type="linear"
                        dataKey={c.key}
                        name={c.label}
                        stroke={c.color ?? COLORS[i % COLORS.length]}
                        dot={false}
                        isAnimationActive={false}
                      />
                    ) : (
                      <Bar
                        key={c.key}
                        dataKey={c.key}
                        name={c.label}
                        fill={c.color ?? COLORS[i % COLORS.length]}
                        isAnimationActive={false}
                      />
                    ),
                  )}
                </Chart>
              </ResponsiveContainer>
            </div>
            <figcaption className="sr-only">
              {title}, {rows.length} {xLabel.toLowerCase()} rows. {totals}. Switch to the table view for every number.
            </figcaption>
          </figure>
        ) : (
          // A long table scrolls: focusable and named, so it can be scrolled from the keyboard.
          <div
            className="max-h-80 overflow-auto focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
            tabIndex={0}
            role="region"
            aria-label={`${title}: table`}
          >
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{title}</caption>
              <thead className="sticky top-0 border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {xLabel}
                  </th>
                  {tableColumns.map((c) => (
                    <th key={c.key} scope="col" className="px-3 py-2 text-right">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={String(r[xKey])} className="border-b border-slate-100 last:border-0">
                    <th scope="row" className="px-3 py-1.5 font-normal">
                      {xText(r[xKey] ?? null)}
                    </th>
                    {tableColumns.map((c) => (
                      <td key={c.key} className="px-3 py-1.5 text-right tabular-nums">
                        {formatValue(format, c.format, r[c.key] ?? null)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
