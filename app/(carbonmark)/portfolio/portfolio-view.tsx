"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLiveChannel } from "@/components/live/use-live-channel";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount-format";
import type { TPortfolio } from "@/lib/carbonmark/portfolio/get-portfolio";
import { portfolioKeys } from "@/lib/carbonmark/query-keys";
import { CancelImportButton } from "./cancel-import-button";

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

export function PortfolioView({ initial, pollIntervalMs }: { initial: TPortfolio; pollIntervalMs: number }) {
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
  useLiveChannel({
    url: "/api/carbonmark/live",
    enabled: data.hasInFlight,
    onChange: () => void queryClient.invalidateQueries({ queryKey: portfolioKeys.detail() }),
    onStatus: setIsLive,
  });

  return (
    <div className="flex flex-col gap-6">
      {error instanceof SessionExpiredError ? (
        <Alert tone="warning">
          Your session has expired.{" "}
          <a className="underline" href="/sign-in?callbackUrl=%2Fportfolio">
            Sign in again
          </a>{" "}
          to see live updates.
        </Alert>
      ) : (
        isError && (
          <Alert tone="warning" title="Your portfolio is not up to date">
            <span data-testid="portfolio-unavailable">{error?.message}</span> What you see below is what we last knew.
          </Alert>
        )
      )}
      {!data.icrReachable && (
        <Alert tone="warning">
          ICR is not answering right now, so the states below may be behind. Credits that arrive on chain still show up.
        </Alert>
      )}

      <Card title="Holdings">
        {data.holdings.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="no-holdings">
            No credits in your wallet yet. Use IMPORT CARBON CREDITS to bring credits from your ICR organization.
          </p>
        ) : (
          <table className="stack-table w-full text-left text-sm" data-testid="holdings">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4">Project</th>
                <th className="py-2 pr-4">Vintage</th>
                <th className="py-2 pr-4">Serialization</th>
                <th className="py-2 text-right">
                  Amount <span className="normal-case">(tCO₂e)</span>
                </th>
                <th className="py-2 pl-4 text-right">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.holdings.map((h) => (
                <tr key={h.creditId} className="border-t border-slate-100" data-testid="holding">
                  <td className="py-2 pr-4 font-medium" data-label="Project">
                    {h.projectName}
                  </td>
                  <td className="py-2 pr-4" data-label="Vintage">
                    {h.vintage}
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs" data-label="Serialization">
                    {h.serialization}
                  </td>
                  <td
                    className="py-2 text-right font-semibold tabular-nums"
                    data-testid="holding-amount"
                    data-label="Amount (tCO₂e)"
                  >
                    {formatAmount(h.amount)}
                  </td>
                  <td className="py-2 pl-4 text-right">
                    <a
                      href={`/retire/${encodeURIComponent(h.creditId)}`}
                      className={buttonClass("secondary", "px-3 py-1 text-xs")}
                      aria-label={`Retire ${h.serialization}`}
                    >
                      Retire
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      {data.imports.length > 0 && (
        <Card
          title="Imports from ICR"
          actions={
            data.hasInFlight ? (
              <span className="text-xs text-slate-500" data-testid="polling">
                Updating live…
              </span>
            ) : undefined
          }
        >
          <ul className="flex flex-col divide-y divide-slate-100">
            {data.imports.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="import">
                <div>
                  <p className="font-medium">
                    {formatAmount(i.amount)} × {i.projectName} <span className="text-slate-500">({i.vintage})</span>
                  </p>
                  <p className="font-mono text-xs text-slate-500">{i.serialization}</p>
                  {i.retireFor && i.state !== "processed" && (
                    <p className="mt-1 text-xs text-slate-600" data-testid="import-retire-for">
                      To be retired on arrival for {i.retireFor}
                    </p>
                  )}
                  {i.txId && (
                    <p className="mt-1 text-xs text-slate-600">
                      Transaction{" "}
                      <code className="break-all font-mono" data-testid="import-tx">
                        {i.txId}
                      </code>
                    </p>
                  )}
                  {i.lastError && <p className="mt-1 text-xs text-red-700">{i.lastError}</p>}
                </div>
                <span className="flex items-center gap-3">
                  {i.state === "pending_request" && <CancelImportButton importId={i.id} />}
                  <span data-testid="import-state">
                    <Badge tone={i.tone}>{i.stateLabel}</Badge>
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
