"use client";

import clsx from "clsx";
import { FormFields } from "@/components/ui/form-fields";
import { formatAmount } from "@/lib/amount-format";

export type TPickableCredit = {
  creditId: string;
  projectName: string;
  vintage: string;
  serialization: string;
  available: string;
};

/** A table of credits with one selectable row (radio), used by the import and export screens. */
export function CreditPicker({
  credits,
  selected,
  onSelect,
  availableLabel,
}: {
  credits: TPickableCredit[];
  selected?: string;
  onSelect: (creditId: string) => void;
  availableLabel: string;
}) {
  return (
    <FormFields>
      <table className="stack-table w-full text-left text-sm" data-testid="credit-picker">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="w-8 py-2">
              <span className="sr-only">Select</span>
            </th>
            <th className="py-2 pr-4">Project</th>
            <th className="py-2 pr-4">Vintage</th>
            <th className="py-2 pr-4">Serialization</th>
            <th className="py-2 text-right">{availableLabel}</th>
          </tr>
        </thead>
        <tbody>
          {credits.map((c) => (
            <tr
              key={c.creditId}
              className={clsx("cursor-pointer border-t border-slate-100", selected === c.creditId && "bg-brand-light")}
              onClick={() => onSelect(c.creditId)}
            >
              <td className="py-2" data-label="Select">
                <input
                  type="radio"
                  name="creditId"
                  value={c.creditId}
                  checked={selected === c.creditId}
                  onChange={() => onSelect(c.creditId)}
                  aria-label={`${c.projectName} ${c.vintage}`}
                />
              </td>
              <td className="py-2 pr-4 font-medium" data-label="Project">
                {c.projectName}
              </td>
              <td className="py-2 pr-4" data-label="Vintage">
                {c.vintage}
              </td>
              <td className="py-2 pr-4 font-mono text-xs" data-label="Serialization">
                {c.serialization}
              </td>
              <td className="py-2 text-right font-semibold tabular-nums" data-label={availableLabel}>
                {formatAmount(c.available)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </FormFields>
  );
}
