/** A block explorer's page for a transaction, when one is configured (`CHAIN_EXPLORER_URL`); else null. */
export function explorerTxUrl(explorerUrl: string | undefined, txHash: string): string | null {
  if (!explorerUrl || !/^0x[0-9a-fA-F]{64}$/.test(txHash)) return null;
  return `${explorerUrl.replace(/\/+$/, "")}/tx/${txHash}`;
}
