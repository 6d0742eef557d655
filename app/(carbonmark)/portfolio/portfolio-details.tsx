"use client";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount-format";
import type { TPortfolio } from "@/lib/carbonmark/portfolio/get-portfolio";
import { CancelImportButton } from "./cancel-import-button";

/**
 * The portfolio's holdings and imports as last read (`data`), with why they may be behind: the
 * session ended (`isSessionExpired`) or a refresh failed (`staleReason`). Rendered as it is when
 * nothing is in flight, and by LivePortfolio (react-query) while something is.
 */
export function PortfolioDetails({
  data,
  isSessionExpired,
  staleReason,
  onImportCancelled,
}: {
  data: TPortfolio;
  isSessionExpired?: boolean;
  staleReason?: string;
  onImportCancelled: () => Promise<unknown> | void;
}) {
  return (
    <div className="flex flex-col gap-6">
      {isSessionExpired ? (
        <Alert tone="warning">
          Your session has expired.{" "}
          <a className="underline" href="/sign-in?callbackUrl=%2Fportfolio">
            Sign in again
          </a>{" "}
          to see live updates.
        </Alert>
      ) : (
        staleReason !== undefined && (
          <Alert tone="warning" title="Your portfolio is not up to date">
            <span data-testid="portfolio-unavailable">{staleReason}</span> What you see below is what we last knew.
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
                  {i.state === "pending_request" && (
                    <CancelImportButton importId={i.id} onCancelled={onImportCancelled} />
                  )}
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
