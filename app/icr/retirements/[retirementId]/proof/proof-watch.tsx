"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While the verdict may still change (Pending, or a half unreadable), asks for it every 2 s and re-renders the page when it does. */
export function ProofWatch({ statusUrl, current }: { statusUrl: string; current: string }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const res = await fetch(statusUrl, { cache: "no-store" });
        const s = (await res.json()) as { status: string; verdict?: string; unreadable?: string };
        const key =
          s.status === "checked" ? s.verdict : s.status === "unreadable" ? `unreadable:${s.unreadable}` : s.status;
        if (!stopped && key !== current) router.refresh();
      } catch {
        // the registry did not answer: try again at the next tick
      }
    }, 2_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [statusUrl, current, router]);
  return null;
}
