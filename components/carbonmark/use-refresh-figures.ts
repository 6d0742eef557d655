"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";

/**
 * After something moved credits: re-reads the page's server-rendered figures (available, in your
 * wallet), so no amount stays stale behind a success dialog. The portfolio's live query has its own
 * client (mounted on /portfolio only) and reads fresh figures whenever that page opens.
 */
export function useRefreshFigures(): () => void {
  const router = useRouter();
  return useCallback(() => router.refresh(), [router]);
}
