import { ForgotPinLink } from "@/components/carbonmark/pin-field";
import { TransferHoldNotice } from "@/components/carbonmark/transfer-hold-notice";
import { Alert } from "@/components/ui/alert";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { passkeyConfirmState } from "@/lib/carbonmark/passkeys/manage-passkeys";
import { getHoldings } from "@/lib/carbonmark/portfolio/get-holdings";
import { formatLockTime } from "@/lib/carbonmark/wallet/pin";
import { RetireForm } from "./retire-form";

export const dynamic = "force-dynamic";

export default async function RetirePage({ params }: { params: Promise<{ creditId: string }> }) {
  const creditId = decodeURIComponent((await params).creditId);
  const { user, wallet } = await requireUserWithWallet(`/retire/${encodeURIComponent(creditId)}`);
  const holding = (await getHoldings({ userId: user.id, address: wallet.address })).find(
    (h) => h.creditId === creditId,
  );
  const lockedUntil =
    wallet.pinLockedUntil && wallet.pinLockedUntil > new Date() ? formatLockTime(wallet.pinLockedUntil) : undefined;
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-3xl font-bold">Retire credits</h1>
      {!holding ? (
        <Alert tone="info" title="Not in your wallet">
          Your Carbonmark wallet does not hold this asset.{" "}
          {/* A plain link, not next/link (~3.4 kB gzip in this page's first-load JavaScript). */}
          <a className="underline" href="/portfolio">
            Back to portfolio
          </a>
        </Alert>
      ) : (
        <>
          <TransferHoldNotice userId={user.id} />
          {lockedUntil && (
            <Alert tone="danger" title="Retirements are locked">
              Too many wrong PINs in a row. You can retire again after {lockedUntil}. <ForgotPinLink />
            </Alert>
          )}
          <RetireForm holding={holding} lockedUntil={lockedUntil} passkeyState={await passkeyConfirmState(user.id)} />
        </>
      )}
    </div>
  );
}
