import clsx from "clsx";
import { Address } from "@/components/ui/address";
import { Badge } from "@/components/ui/badge";
import { formatAmount } from "@/lib/amount";
import { formatDateTime } from "@/lib/format-date-time";
import { ACTION_LABEL, REQUEST_STATE_LABEL } from "@/lib/registry/web/request-states";
import { RequestDecision } from "./request-decision";
import { WhoAsked } from "./who-asked";
import type { TRequestRow } from "@/lib/registry/web/request-row";

/** Every request, pending and past, newest first; admins decide on the pending ones. */
export function RequestsTable({ rows, isAdmin }: { rows: TRequestRow[]; isAdmin: boolean }) {
  if (rows.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No requests yet. Transfers requested by apps such as Carbonmark appear here for an admin to accept.
      </p>
    );
  return (
    <ul className="divide-y divide-slate-100">
      {rows.map((r) => {
        const state = REQUEST_STATE_LABEL[r.state];
        return (
          <li
            key={r.id}
            className={clsx(
              "flex flex-col gap-3 py-4 sm:flex-row sm:items-start sm:justify-between sm:gap-4",
              r.state === "pending_request" && "-mx-5 border-l-4 border-l-amber-400 bg-amber-50/60 px-4",
            )}
            data-testid="request-row"
            data-request-id={r.id}
            data-state={r.state}
          >
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">
                  {ACTION_LABEL[r.action]} {formatAmount(r.amount)} tCO₂e
                </span>
                <Badge tone={state.tone}>{state.label}</Badge>
                <span className="text-xs text-slate-500">{formatDateTime(r.createdAt)}</span>
              </div>
              <div className="text-sm text-slate-700">
                {r.projectName && <span>{r.projectName} · </span>}
                <span className="font-mono text-xs">{r.serialization}</span>
              </div>
              {r.toAddress && (
                <div className="flex flex-wrap items-center gap-1 text-sm text-slate-700">
                  <span>To</span>
                  <Address value={r.toAddress} />
                  {r.toOrganizationName && <span className="text-xs text-slate-500">({r.toOrganizationName})</span>}
                </div>
              )}
              {r.beneficiaryName && <div className="text-sm text-slate-700">Beneficiary: {r.beneficiaryName}</div>}
              <WhoAsked request={r} />
              {r.decidedAt && (
                <div className="text-xs text-slate-600" data-testid="who-decided">
                  {r.state === "rejected" ? "Declined" : "Accepted"}
                  {r.decidedBy && (
                    <>
                      {" "}
                      by <span className="font-medium">{r.decidedBy}</span>
                    </>
                  )}{" "}
                  on {formatDateTime(r.decidedAt)}
                </div>
              )}
              {r.txId && <div className="truncate font-mono text-xs text-slate-500">Transaction {r.txId}</div>}
              {r.failureReason && <div className="text-sm text-red-700">{r.failureReason}</div>}
            </div>
            {isAdmin && r.state === "pending_request" && <RequestDecision request={r} />}
          </li>
        );
      })}
    </ul>
  );
}
