import { Alert } from "@/components/ui/alert";
import { getTransferHold } from "@/lib/carbonmark/wallet/get-transfer-hold";
import { formatDateTime } from "@/lib/format-date-time";

/** Server component: after a PIN reset, says that exports and retirements wait, why, and until when. */
export async function TransferHoldNotice({ userId }: { userId: string }) {
  const heldUntil = await getTransferHold({ userId });
  if (!heldUntil) return null;
  return (
    <Alert tone="warning" title="Exports and retirements are on hold">
      Your PIN was reset with your account password. For your safety, exports and retirements are held until{" "}
      {formatDateTime(heldUntil)}.
    </Alert>
  );
}
