"use client";

import { useRouter } from "next/navigation";
import { lazy, Suspense } from "react";
import { Alert } from "@/components/ui/alert";
import type { TPortfolio } from "@/lib/carbonmark/portfolio/get-portfolio";
import { PortfolioDetails } from "./portfolio-details";

// react-query and the live channel load only while something is in flight (an import on its way): with
// nothing in flight nothing on this page changes by itself (no polling, no live channel, as before), so
// their ~10 kB gzip stay out of the page's first-load JavaScript (docs/carbonmark.md, "First-load JavaScript").
// If its chunk cannot load (the server restarting, the network gone), the page stays as rendered and says so.
const LivePortfolio = lazy(() => import("./live-portfolio").catch(() => ({ default: PortfolioWithoutLiveUpdates })));

function PortfolioWithoutLiveUpdates({ initial }: { initial: TPortfolio }) {
  const router = useRouter();
  return (
    <>
      <Alert tone="warning">
        Live updates could not start. The figures below are from when the page loaded: reload it to see the latest.
      </Alert>
      <PortfolioDetails data={initial} onImportCancelled={() => router.refresh()} />
    </>
  );
}

export function PortfolioView({ initial, pollIntervalMs }: { initial: TPortfolio; pollIntervalMs: number }) {
  const router = useRouter();
  const settled = <PortfolioDetails data={initial} onImportCancelled={() => router.refresh()} />;
  if (!initial.hasInFlight) return settled;
  return (
    <Suspense fallback={settled}>
      <LivePortfolio initial={initial} pollIntervalMs={pollIntervalMs} />
    </Suspense>
  );
}
