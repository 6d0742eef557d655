"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** A secret shown once, with a copy button: Carbonmark keeps only what it needs to check or sign with it. */
export function ShownOnce({ title, value, testId }: { title: string; value: string; testId: string }) {
  const [isCopied, setCopied] = useState(false);
  return (
    <Alert tone="success" title={title}>
      <p>Copy it now: it is shown only this once.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900" data-testid={testId}>
          {value}
        </code>
        <Button
          variant="secondary"
          type="button"
          onClick={() => navigator.clipboard?.writeText(value).then(() => setCopied(true))}
        >
          {isCopied ? "Copied" : "Copy"}
        </Button>
      </div>
    </Alert>
  );
}
