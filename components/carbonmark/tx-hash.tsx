import { CopyButton } from "@/components/carbonmark/copy-button";
import { explorerTxUrl } from "@/lib/carbonmark/activity/explorer-link";

/** A transaction hash in full, copyable, and linked to the block explorer when one is configured. */
export function TxHash({ hash, explorerUrl }: { hash: string; explorerUrl?: string }) {
  const href = explorerTxUrl(explorerUrl, hash);
  const code = (
    <code className="break-all font-mono text-xs" data-testid="tx-hash">
      {hash}
    </code>
  );
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="text-xs text-slate-500">Transaction</span>
      {href ? (
        <a
          href={href}
          target="_blank"
          rel="noreferrer"
          className="text-brand underline underline-offset-2"
          title="Open in the block explorer"
        >
          {code}
        </a>
      ) : (
        code
      )}
      <CopyButton value={hash} label="Copy hash" />
    </span>
  );
}
