import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";

export type TConnectOutcome = { ok: true; organizationName: string; returnTo: string } | { ok: false; message: string };

/** What the callback page shows once the connection is made or refused (server and client). */
export function ConnectOutcome({ outcome }: { outcome: TConnectOutcome }) {
  return outcome.ok ? (
    <div className="flex flex-col gap-4">
      <Alert tone="success" title="Successfully connected to ICR, you may now close this window">
        Carbonmark is connected to <strong>{outcome.organizationName}</strong>.
      </Alert>
      <div className="flex gap-3">
        <Link className={buttonClass("primary")} href={outcome.returnTo}>
          Continue
        </Link>
        <Link className={buttonClass("secondary")} href="/portfolio">
          Back to portfolio
        </Link>
      </div>
    </div>
  ) : (
    <div className="flex flex-col gap-4">
      <Alert tone="danger" title="Not connected">
        {outcome.message}
      </Alert>
      <Link className={buttonClass("secondary")} href="/portfolio">
        Back to portfolio
      </Link>
    </div>
  );
}
