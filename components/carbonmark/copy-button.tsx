"use client";

import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [isCopied, setCopied] = useState(false);
  const isReady = useHydrated();
  return (
    <button
      type="button"
      disabled={!isReady}
      className="rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
      onClick={async () => {
        await navigator.clipboard?.writeText(value).catch(() => undefined);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {isCopied ? "Copied" : label}
    </button>
  );
}
