import clsx from "clsx";
import type { ButtonHTMLAttributes } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

type TVariant = "primary" | "secondary" | "danger" | "ghost" | "icr";

const VARIANTS: Record<TVariant, string> = {
  primary: "bg-brand text-white hover:bg-brand-dark disabled:bg-slate-300",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:text-slate-400",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-300",
  ghost: "text-slate-700 hover:bg-slate-100",
  icr: "bg-icr text-white hover:bg-icr-dark disabled:bg-slate-300",
};

export function buttonClass(variant: TVariant = "primary", className?: string): string {
  return clsx(
    "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold uppercase tracking-wide transition-colors disabled:cursor-not-allowed",
    VARIANTS[variant],
    className,
  );
}

/** A button; disabled until the page has hydrated, so a click before the JavaScript has loaded is never lost. */
export function Button({
  variant = "primary",
  className,
  isLoading,
  children,
  disabled,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: TVariant; isLoading?: boolean }) {
  const isReady = useHydrated();
  return (
    <button
      className={buttonClass(variant, className)}
      disabled={disabled || isLoading || !isReady}
      aria-busy={isLoading || undefined}
      {...props}
    >
      {isLoading && (
        <span className="h-4 w-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />
      )}
      {children}
    </button>
  );
}
