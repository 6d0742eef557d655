// ICR credit ids look like `exPost-<tokenId>-<projectContractAddress>`.
const CREDIT_ID = /^(exPost|exAnte)-(\d+)-(0x[0-9a-fA-F]{40})$/;

export function parseCreditId(creditId: string): { type: string; tokenId: string; tokenAddress: string } | undefined {
  const m = CREDIT_ID.exec(creditId);
  return m ? { type: m[1], tokenId: m[2], tokenAddress: m[3] } : undefined;
}

export function toCreditId(tokenAddress: string, tokenId: string | bigint, type = "exPost"): string {
  return `${type}-${tokenId.toString()}-${tokenAddress}`;
}
