import { Badge } from "@/components/ui/badge";
import { checkRegistrySignedRecord } from "@/lib/carbonmark/retirements/registry-signed-record";

/** The "Registry signature" row: whether the registry's signed record of this retirement verifies against its published keys. */
export async function RegistrySignature({
  icrRetirementId,
  txHash,
}: {
  icrRetirementId: string;
  txHash: string | null;
}) {
  const check = await checkRegistrySignedRecord(icrRetirementId, { txHash });
  if (check.valid)
    return (
      <span className="flex flex-col gap-1" data-testid="registry-signature">
        <span>
          <Badge tone="success">Valid signature</Badge>
        </span>
        <span className="break-all font-mono text-xs text-slate-500">key {check.kid}</span>
      </span>
    );
  const badge = {
    invalid: <Badge tone="danger">Signature not valid</Badge>,
    unsigned: <Badge tone="warning">Not signed yet</Badge>,
    unavailable: <Badge tone="neutral">Cannot check now</Badge>,
  }[check.state];
  return (
    <span className="flex flex-col gap-1" data-testid="registry-signature">
      <span>{badge}</span>
      <span className="text-xs text-slate-500">{check.reason}</span>
    </span>
  );
}
