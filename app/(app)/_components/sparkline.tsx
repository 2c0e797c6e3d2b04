"use client";

import { Line, LineChart, ResponsiveContainer } from "recharts";

/** A small line of a headline's days; decoration beside the number it belongs to, so hidden from assistive tech. */
export function Sparkline({ values, color = "#2563eb" }: { values: number[]; color?: string }) {
  const data = values.map((value, i) => ({ i, value }));
  return (
    <div className="h-10 w-full" aria-hidden="true" data-testid="sparkline">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 0, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <Line type="linear" dataKey="value" stroke={color} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
