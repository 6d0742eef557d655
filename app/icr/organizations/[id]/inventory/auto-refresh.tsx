"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useLiveChannel } from "@/components/live/use-live-channel";

/**
 * While `isActive` (requests in flight) the page listens to its organization's live channel and
 * re-renders from the server as soon as a request changes; it polls every `intervalMs` only while
 * that channel is down. Both stop when nothing is in flight.
 */
export function AutoRefresh({
  organizationId,
  isActive,
  intervalMs = 1000,
}: {
  organizationId: string;
  isActive: boolean;
  intervalMs?: number;
}) {
  const router = useRouter();
  const [isLive, setIsLive] = useState(false);
  useLiveChannel({
    url: `/icr/organizations/${encodeURIComponent(organizationId)}/inventory/live`,
    enabled: isActive,
    onChange: () => router.refresh(),
    onStatus: setIsLive,
  });
  useEffect(() => {
    if (!isActive || isLive) return;
    const t = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(t);
  }, [isActive, isLive, intervalMs, router]);
  return isActive ? (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" role="status">
      <span className="h-2 w-2 animate-pulse rounded-full bg-sky-500" aria-hidden /> Updating while requests are in
      progress…
    </span>
  ) : null;
}
