import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/carbonmark/auth/get-session-user";
import { completeIcrInstall, ZInstallCallback } from "@/lib/carbonmark/connection/complete-install";
import { CmUserError } from "@/lib/carbonmark/errors";
import { safeRedirectPath } from "@/lib/carbonmark/safe-redirect";
import { logger } from "@/lib/log/logger";

export const dynamic = "force-dynamic";

// /connect/icr/callback?installationId&state: ICR sends the browser back here after Install.
export default async function IcrCallbackPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const user = await requireUser(`/connect/icr/callback?${new URLSearchParams(params as Record<string, string>).toString()}`);
  const parsed = ZInstallCallback.safeParse(params);
  let outcome: { ok: true; organizationName: string; returnTo: string } | { ok: false; message: string };
  if (!parsed.success) {
    outcome = { ok: false, message: parsed.error.issues[0].message };
  } else {
    try {
      const done = await completeIcrInstall({ userId: user.id, ...parsed.data });
      outcome = { ok: true, organizationName: done.organizationName, returnTo: safeRedirectPath(done.returnTo) };
    } catch (err) {
      if (!(err instanceof CmUserError)) logger.error({ err: { message: (err as Error).message } }, "ICR install callback failed");
      outcome = { ok: false, message: err instanceof CmUserError ? err.message : "Something went wrong while connecting to ICR. Nothing was changed; start again with CONNECT TO ICR." };
    }
  }
  return (
    <div className="mx-auto max-w-xl">
      <Card title="Connect to ICR">
        {outcome.ok ? (
          <div className="flex flex-col gap-4">
            <Alert tone="success" title="Successfully connected to ICR, you may now close this window">
              Carbonmark is connected to <strong>{outcome.organizationName}</strong>.
            </Alert>
            <div className="flex gap-3">
              <Link className={buttonClass("primary")} href={outcome.returnTo}>Continue</Link>
              <Link className={buttonClass("secondary")} href="/portfolio">Back to portfolio</Link>
            </div>
          </div>
        ) : (
          <div className="flex flex-col gap-4">
            <Alert tone="danger" title="Not connected">{outcome.message}</Alert>
            <Link className={buttonClass("secondary")} href="/portfolio">Back to portfolio</Link>
          </div>
        )}
      </Card>
    </div>
  );
}
