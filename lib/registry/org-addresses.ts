import { HDNodeWallet, Mnemonic } from "ethers";
import { config } from "@/lib/config";

// Organization addresses are custodied by the registry: derived from its mnemonic by index.
export function deriveOrgWallet(index: number): HDNodeWallet {
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(config().REGISTRY_MNEMONIC), `m/44'/60'/0'/0/${index}`);
}
