import type { TRequestRow } from "@/lib/registry/web/request-row";

/** Who asked for a request: the app, the ICR user behind it and the app's account it acts for. */
export function WhoAsked({ request, detailed = false }: { request: TRequestRow; detailed?: boolean }) {
  if (!request.requestedBy) return null;
  if (!detailed) {
    return (
      <div className="text-xs text-slate-600" data-testid="who-asked">
        Requested by <span className="font-medium">{request.requestedBy}</span>
        {request.onBehalfOf && (
          <>
            {" "}
            for <span className="font-medium">{request.onBehalfOf}</span>
          </>
        )}
        {request.requestedByUser && <> · connected by ICR user {request.requestedByUser}</>}
      </div>
    );
  }
  return (
    <dl
      className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
      data-testid="who-asked"
    >
      <dt className="text-slate-500">Requested by</dt>
      <dd className="font-medium">{request.requestedBy}</dd>
      {request.requestedByApp && (
        <>
          <dt className="text-slate-500">For its account</dt>
          <dd className="break-all font-medium">{request.onBehalfOf ?? "not named by the app"}</dd>
          <dt className="text-slate-500">Connected by</dt>
          <dd className="break-all">{request.requestedByUser ? `ICR user ${request.requestedByUser}` : "unknown"}</dd>
        </>
      )}
    </dl>
  );
}
