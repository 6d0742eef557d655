import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { getPortfolio } from "@/lib/carbonmark/portfolio/get-portfolio";
import { config } from "@/lib/config";
import { MyRetirements } from "./my-retirements";
import { PortfolioView } from "./portfolio-view";

export default async function PortfolioPage() {
  const { user, wallet } = await requireUserWithWallet("/portfolio");
  const initial = await getPortfolio({ userId: user.id, address: wallet.address });
  return (
    <div className="flex flex-col gap-6">
      <PortfolioView initial={initial} pollIntervalMs={config().POLL_INTERVAL_MS} />
      <MyRetirements userId={user.id} />
    </div>
  );
}
