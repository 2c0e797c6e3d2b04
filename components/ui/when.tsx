"use client";

import { useFormat } from "@/components/providers/format-provider";
import type { DateInput } from "@/lib/format";

type Style = "date" | "dateTime" | "time" | "relative";

/**
 * A date or time as the organisation writes it (lib/format), usable from server and client
 * components alike. `relative` keeps the exact date in the tooltip.
 */
export function When({
  value,
  style = "dateTime",
  empty = "—",
  className,
}: {
  value: DateInput | null | undefined;
  style?: Style;
  empty?: string;
  className?: string;
}) {
  const f = useFormat();
  if (value === null || value === undefined || value === "") return <>{empty}</>;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return <>{empty}</>;
  return (
    <time
      dateTime={d.toISOString()}
      className={className}
      title={style === "relative" ? f.dateTime(d) : undefined}
      suppressHydrationWarning={style === "relative"}
    >
      {f[style](d)}
    </time>
  );
}

/** An amount in integer minor units, in the organisation's currency unless another is given. */
export function Money({ minor, currency, cents }: { minor: number; currency?: string; cents?: boolean }) {
  const f = useFormat();
  return <>{f.money(minor, { currency, cents })}</>;
}

/** A count or plain number, grouped the organisation's way ("12,345" / "12.345"). */
export function Num({ value }: { value: number }) {
  const f = useFormat();
  return <>{f.number(value)}</>;
}
