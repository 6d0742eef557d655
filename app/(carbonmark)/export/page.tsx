import { NothingToExport } from "@/components/carbonmark/nothing-to-export";
import { RegistryChooser } from "@/components/carbonmark/registry-chooser";
import { Card } from "@/components/ui/card";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { getHoldings } from "@/lib/carbonmark/portfolio/get-holdings";

export const dynamic = "force-dynamic";

export default async function ExportChooseRegistryPage() {
  const { user, wallet } = await requireUserWithWallet("/export");
  const holdings = await getHoldings({ userId: user.id, address: wallet.address });
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-3xl font-bold">Export carbon credits</h1>
      {holdings.length === 0 ? (
        <NothingToExport />
      ) : (
        <Card>
          <RegistryChooser basePath="/export" />
        </Card>
      )}
    </div>
  );
}
