"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { Providers } from "@/components/carbonmark/providers";
import { useLiveChannel } from "@/components/live/use-live-channel";
import type { TPortfolio } from "@/lib/carbonmark/portfolio/get-portfolio";
import { portfolioKeys } from "@/lib/carbonmark/query-keys";
import { PortfolioDetails } from "./portfolio-details";

class SessionExpiredError extends Error {}

async function fetchPortfolio(): Promise<TPortfolio> {
  const res = await fetch("/api/carbonmark/portfolio", { cache: "no-store" });
  if (res.status === 401) throw new SessionExpiredError("Your session has expired");
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { message?: string } | undefined;
    throw new Error(body?.message ?? "We could not refresh your portfolio. Nothing was changed; we keep trying.");
  }
  return (await res.json()) as TPortfolio;
}

function LiveView({ initial, pollIntervalMs }: { initial: TPortfolio; pollIntervalMs: number }) {
  // While an import is in flight the page listens to the live channel (a change is read as soon as
  // the database records it) and polls only while that channel is down; both stop when none is.
  const queryClient = useQueryClient();
  const [isLive, setIsLive] = useState(false);
  const {
    data = initial,
    isError,
    error,
  } = useQuery({
    queryKey: portfolioKeys.detail(),
    queryFn: fetchPortfolio,
    initialData: initial,
    // Polls while something is in flight and the live channel is down, and while the portfolio cannot
    // be read (database or chain down) until it can.
    refetchInterval: (q) =>
      (q.state.data?.hasInFlight && !isLive) || q.state.status === "error" ? pollIntervalMs : false,
  });
  // One read per change: a change heard while a read is under way is read once more after it
  // (the running read is not cancelled and restarted for every event of one burst).
  const reading = useRef(false);
  const again = useRef(false);
  const readOnce = useCallback(async () => {
    if (reading.current) return void (again.current = true);
    reading.current = true;
    try {
      do {
        again.current = false;
        await queryClient.refetchQueries({ queryKey: portfolioKeys.detail() }, { cancelRefetch: false });
      } while (again.current);
    } finally {
      reading.current = false;
    }
  }, [queryClient]);
  useLiveChannel({
    url: "/api/carbonmark/live",
    enabled: data.hasInFlight,
    onChange: () => void readOnce(),
    onStatus: setIsLive,
  });

  return (
    <PortfolioDetails
      data={data}
      isSessionExpired={error instanceof SessionExpiredError}
      staleReason={isError && !(error instanceof SessionExpiredError) ? error.message : undefined}
      onImportCancelled={() => queryClient.invalidateQueries({ queryKey: portfolioKeys.all })}
    />
  );
}

/** The portfolio while something is in flight: react-query reads it again on every change (its own chunk, see PortfolioView). */
export default function LivePortfolio(props: { initial: TPortfolio; pollIntervalMs: number }) {
  return (
    <Providers>
      <LiveView {...props} />
    </Providers>
  );
}
