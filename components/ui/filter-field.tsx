/** One labelled input of a list's filter form (a plain GET form: works before and without JavaScript). */
export function FilterField({
  label,
  name,
  value,
  type = "text",
}: {
  label: string;
  name: string;
  value?: string;
  type?: string;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="text-slate-600">{label}</span>
      <input
        className="rounded border border-slate-300 bg-white px-2 py-1.5"
        name={name}
        type={type}
        defaultValue={value}
        maxLength={200}
      />
    </label>
  );
}
