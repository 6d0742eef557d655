"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the page from the server every `intervalMs` while `isActive` (requests in flight); stops when nothing is. */
export function AutoRefresh({ isActive, intervalMs = 1500 }: { isActive: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!isActive) return;
    const t = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(t);
  }, [isActive, intervalMs, router]);
  return isActive ? (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" role="status">
      <span className="h-2 w-2 animate-pulse rounded-full bg-sky-500" aria-hidden /> Updating while requests are in progress…
    </span>
  ) : null;
}
