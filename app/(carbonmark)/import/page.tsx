import { RegistryChooser } from "@/components/carbonmark/registry-chooser";
import { Card } from "@/components/ui/card";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";

export default async function ImportChooseRegistryPage() {
  await requireUserWithWallet("/import");
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-3xl font-bold">Import carbon credits</h1>
      <Card>
        <RegistryChooser basePath="/import" />
      </Card>
    </div>
  );
}
