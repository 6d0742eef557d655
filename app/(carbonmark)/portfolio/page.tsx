import { CopyButton } from "@/components/carbonmark/copy-button";
import { Address } from "@/components/ui/address";
import { buttonClass } from "@/components/ui/button";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { getPortfolio } from "@/lib/carbonmark/portfolio/get-portfolio";
import { config } from "@/lib/config";
import { MyRetirements } from "./my-retirements";
import { PortfolioView } from "./portfolio-view";

export default async function PortfolioPage() {
  const { user, wallet } = await requireUserWithWallet("/portfolio");
  const initial = await getPortfolio({ userId: user.id, address: wallet.address });
  // The static part renders on the server; only the holdings and imports are a client component.
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold">Portfolio</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span>Your Carbonmark wallet address:</span>
            <Address value={wallet.address} />
            <CopyButton value={wallet.address} label="Copy address" />
          </div>
        </div>
        <div className="flex flex-wrap gap-3">
          <a href="/import" className={buttonClass("primary")}>
            Import carbon credits
          </a>
          <a href="/export" className={buttonClass("secondary")}>
            Export carbon credits
          </a>
        </div>
      </div>
      <PortfolioView initial={initial} pollIntervalMs={config().POLL_INTERVAL_MS} />
      <MyRetirements userId={user.id} />
    </div>
  );
}
