/**
 * A tag in its colour: the colour marks the border and a dot, the name is dark text, so any colour
 * an organisation picks stays readable (text in #d97706 on white is 3.2:1, under WCAG AA's 4.5:1).
 */
export function TagChip({ name, color, children }: { name: string; color: string; children?: React.ReactNode }) {
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full border bg-white px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-800"
      style={{ borderColor: color }}
    >
      <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ backgroundColor: color }} />
      {name}
      {children}
    </span>
  );
}
