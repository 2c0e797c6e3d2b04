/** The control class shared by the filter bars (GET forms above lists). */
export const filterControlClasses = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** One labelled select of a filter bar: the empty value means "any", and the URL keeps the choice. */
export function FilterSelect({
  label,
  name,
  value,
  anyLabel,
  options,
}: {
  label: string;
  name: string;
  value: string | undefined;
  anyLabel: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <label className="max-w-full text-sm">
      <span className="block text-xs font-medium text-slate-600">{label}</span>
      {/* A select is as wide as its longest option: held to the bar's width on a phone. */}
      <select name={name} defaultValue={value ?? ""} className={`${filterControlClasses} max-w-full`}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
