import type { ReactNode } from "react";

export type DataColumn<T> = {
  /** React key of the column; unique within the table. */
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Extra classes for this column's body cells (e.g. "font-mono text-xs"). */
  className?: string;
  align?: "left" | "right";
};

type Props<T> = {
  /** The table's accessible name. */
  label: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Shown instead of the table when there are no rows: a message, or an element of its own. */
  empty: ReactNode;
  /** Extra classes for the <table>, usually its min-width (e.g. "min-w-[40rem]"), so it scrolls sideways on a phone. */
  className?: string;
};

const join = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(" ");

/** The plain list table used inside cards: small caps headers, divided rows, scrolls sideways when narrow. */
export function DataTable<T>({ label, columns, rows, rowKey, empty, className }: Props<T>) {
  if (rows.length === 0)
    return typeof empty === "string" ? <p className="py-8 text-center text-sm text-slate-500">{empty}</p> : empty;
  // The last column has no right padding: the card's own padding is the edge.
  const pad = (i: number) => (i < columns.length - 1 ? "pr-3" : undefined);
  return (
    <div className="table-frame">
      <table aria-label={label} className={join("w-full text-left text-sm", className)}>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((c, i) => (
              <th
                key={c.key}
                scope="col"
                className={join("py-2", pad(i), c.align === "right" && "text-right", "font-medium")}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) => (
                <td key={c.key} className={join(c.className, "py-2", pad(i), c.align === "right" && "text-right")}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
