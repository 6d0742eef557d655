"use client";

import clsx from "clsx";
import { useId } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

/** An on/off switch with its label and a line of help; the label is its accessible name. Like every
 * control, disabled until the page has hydrated (a click before that would be lost). */
export function Switch({
  isOn,
  onChange,
  label,
  help,
  isDisabled,
  tone = "brand",
}: {
  isOn: boolean;
  onChange: (isOn: boolean) => void;
  label: string;
  help?: string;
  isDisabled?: boolean;
  tone?: "brand" | "icr";
}) {
  const id = useId();
  const isReady = useHydrated();
  return (
    <div className="flex items-start justify-between gap-4 py-3">
      <div className="min-w-0">
        <label htmlFor={id} className="font-medium text-slate-900">
          {label}
        </label>
        {help && (
          <p id={`${id}-help`} className="text-sm text-slate-600">
            {help}
          </p>
        )}
      </div>
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={isOn}
        aria-describedby={help ? `${id}-help` : undefined}
        disabled={isDisabled || !isReady}
        onClick={() => onChange(!isOn)}
        className={clsx(
          "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60",
          isOn ? (tone === "icr" ? "bg-icr" : "bg-brand") : "bg-slate-300",
        )}
      >
        <span
          className={clsx(
            "inline-block h-5 w-5 rounded-full bg-white shadow transition-transform",
            isOn ? "translate-x-5" : "translate-x-0.5",
          )}
        />
      </button>
    </div>
  );
}
