export function TagChip({ name, color, children }: { name: string; color: string; children?: React.ReactNode }) {
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium"
      style={{ borderColor: color, color }}
    >
      {name}
      {children}
    </span>
  );
}
