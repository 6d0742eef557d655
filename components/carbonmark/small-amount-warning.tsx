import { Alert } from "@/components/ui/alert";
import { Address } from "@/components/ui/address";

/** The guides' warning: wrong addresses lose credits for good; try a small amount first (0.001 minimum). */
export function SmallAmountWarning({ address, direction }: { address: string; direction: "import" | "export" }) {
  return (
    <Alert tone="warning" title="IMPORTANT: check the address before anything moves">
      <p>
        {direction === "import"
          ? "Credits will be sent to your Carbonmark Wallet address "
          : "Credits will be sent to your ICR organization's address "}
        <Address value={address} highlight />. If credits are sent to an incorrect address, those credits are
        irretrievable.
      </p>
      <p className="mt-2">
        When in doubt, transfer a small amount first to confirm the connection. The smallest amount is 0.001 credits.
      </p>
    </Alert>
  );
}
