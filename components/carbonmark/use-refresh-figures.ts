"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { portfolioKeys } from "@/lib/carbonmark/query-keys";

/**
 * After something moved credits: re-reads the page's server-rendered figures (available, in your
 * wallet) and marks the cached portfolio stale, so no amount stays stale behind a success dialog.
 */
export function useRefreshFigures(): () => void {
  const router = useRouter();
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: portfolioKeys.all });
    router.refresh();
  }, [queryClient, router]);
}
