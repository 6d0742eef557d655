import { Button } from "@/components/ui/button";
import { LEGACY_WALLET_PASSKEY_MESSAGE, type TPasskeyConfirmState } from "@/lib/carbonmark/passkeys/passkey-copy";

/**
 * Below a PIN dialog's buttons: "Use a passkey instead" for users with a passkey. It submits the
 * dialog's form (name "consent", value "passkey": see walletConsentFrom) and comes after the
 * confirm button, so Enter in the PIN field still sends the PIN. A wallet whose key exists only
 * under the PIN is told why its passkey cannot be used yet instead.
 */
export function PasskeyInstead({ state, error }: { state: TPasskeyConfirmState; error?: string }) {
  if (state === "none") return null;
  if (state === "legacy_wallet")
    return (
      <p className="border-t border-slate-200 pt-3 text-sm text-slate-600" data-testid="passkey-legacy-wallet">
        {LEGACY_WALLET_PASSKEY_MESSAGE}
      </p>
    );
  return (
    <div className="flex flex-col items-start gap-2 border-t border-slate-200 pt-3">
      <Button type="submit" name="consent" value="passkey" variant="secondary">
        Use a passkey instead
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-600" data-testid="passkey-error">
          {error}
        </p>
      )}
    </div>
  );
}
