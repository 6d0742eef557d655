import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/carbonmark/auth/get-session-user";
import { completeIcrInstall, ZInstallCallback } from "@/lib/carbonmark/connection/complete-install";
import { CONSENT_WAIT_STEP_MS } from "@/lib/carbonmark/connection/consent-wait";
import { CmUserError } from "@/lib/carbonmark/errors";
import { safeRedirectPath } from "@/lib/carbonmark/safe-redirect";
import { logger } from "@/lib/log/logger";
import { ConnectOutcome, type TConnectOutcome } from "./connect-outcome";
import { WaitForConsent } from "./wait-for-consent";

export const dynamic = "force-dynamic";

// /connect/icr/callback?installationId&state: ICR sends the browser back here after Install.
// It connects only with ICR's signed proof that an admin consented with this state (complete-install.ts).
export default async function IcrCallbackPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const user = await requireUser(
    `/connect/icr/callback?${new URLSearchParams(params as Record<string, string>).toString()}`,
  );
  const parsed = ZInstallCallback.safeParse(params);
  let outcome: TConnectOutcome | "waiting";
  if (!parsed.success) {
    outcome = { ok: false, message: parsed.error.issues[0].message };
  } else {
    try {
      const done = await completeIcrInstall({ userId: user.id, ...parsed.data, waitMs: CONSENT_WAIT_STEP_MS });
      outcome =
        done.status === "waiting"
          ? "waiting"
          : { ok: true, organizationName: done.organizationName, returnTo: safeRedirectPath(done.returnTo) };
    } catch (err) {
      if (!(err instanceof CmUserError))
        logger.error({ err: { message: (err as Error).message } }, "ICR install callback failed");
      outcome = {
        ok: false,
        message:
          err instanceof CmUserError
            ? err.message
            : "Something went wrong while connecting to ICR. Nothing was changed; start again with CONNECT TO ICR.",
      };
    }
  }
  return (
    <div className="mx-auto max-w-xl">
      <Card headingLevel={1} title="Connect to ICR">
        {outcome === "waiting" && parsed.success ? (
          <WaitForConsent {...parsed.data} />
        ) : (
          <ConnectOutcome outcome={outcome as TConnectOutcome} />
        )}
      </Card>
    </div>
  );
}
