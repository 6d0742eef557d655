import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";

/** An empty wallet has nothing to export: say so before any registry choice or connection step. */
export function NothingToExport() {
  return (
    <div className="flex flex-col items-start gap-4" data-testid="nothing-to-export">
      <Alert tone="info" title="Nothing to export yet">
        Your Carbonmark wallet holds no carbon credits. Import credits from your ICR organization first; you can export
        them back at any time.
      </Alert>
      <a className={buttonClass("primary")} href="/import">
        Import carbon credits
      </a>
    </div>
  );
}
