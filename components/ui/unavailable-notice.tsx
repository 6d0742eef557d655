"use client";

import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";

const RETRY_EVERY_MS = 10_000;

/**
 * What a page shows when something it depends on (the registry's database, the chain) is down:
 * nothing was changed, and the page tries again on its own until it renders.
 */
export function UnavailableNotice({ reset, digest }: { reset: () => void; digest?: string }) {
  const router = useRouter();
  const [isRetrying, startTransition] = useTransition();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  useEffect(() => {
    const timer = setInterval(retry, RETRY_EVERY_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one timer for the life of the notice
  }, []);
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 px-6 py-16" data-testid="unavailable">
      <h1 className="text-2xl font-bold">This page is unavailable right now</h1>
      <p className="text-slate-700">
        The registry or the chain is not answering at the moment. <strong>Nothing was changed</strong>: no request was
        made and no credits moved.
      </p>
      <p className="text-sm text-slate-600">
        This page tries again every {RETRY_EVERY_MS / 1000} seconds and shows itself as soon as everything answers.
      </p>
      <div>
        <button type="button" onClick={retry} disabled={isRetrying} className={buttonClass("secondary")}>
          {isRetrying ? "Trying…" : "Try again now"}
        </button>
      </div>
      {digest && <p className="text-xs text-slate-400">Reference: {digest}</p>}
    </div>
  );
}
