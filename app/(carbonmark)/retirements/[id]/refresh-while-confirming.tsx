"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While the burn is confirming on chain, the page re-renders from the server every `intervalMs` (it stops once the stage changes). */
export function RefreshWhileConfirming({ intervalMs }: { intervalMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs, router]);
  return null;
}
