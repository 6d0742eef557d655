import clsx from "clsx";
import { forwardRef, type InputHTMLAttributes, type ReactNode } from "react";

/** A labelled input with its hint and its error (announced to screen readers). */
export const Field = forwardRef<
  HTMLInputElement,
  InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; error?: string }
>(function Field({ label, hint, error, id, className, ...props }, ref) {
  const inputId = id ?? props.name;
  const describedBy =
    [hint && !error ? `${inputId}-hint` : undefined, error ? `${inputId}-error` : undefined, props["aria-describedby"]]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div className={clsx("flex flex-col gap-1", className)}>
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        ref={ref}
        id={inputId}
        aria-invalid={error ? true : undefined}
        className={clsx(
          "rounded-md border bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2",
          error ? "border-red-500 focus:ring-red-200" : "border-slate-300 focus:ring-brand/30",
        )}
        {...props}
        aria-describedby={describedBy}
      />
      {hint && !error && (
        <p id={`${inputId}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${inputId}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
});
