"use client";

import { lazy, Suspense } from "react";

// The error boundaries (app/error.tsx, app/global-error.tsx) are in every page's first-load JavaScript,
// so the notice loads only when a page fails (its own chunk). While it loads, and if it cannot load
// (the server restarting, the network gone), this static text stands in: a page never goes blank.
function StaticNotice() {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 px-6 py-16">
      <h1 className="text-2xl font-bold">This page is unavailable right now</h1>
      <p className="text-slate-700">
        <strong>Nothing was changed</strong>: no request was made and no credits moved. <a href="">Reload the page</a>{" "}
        to try again.
      </p>
    </div>
  );
}

const UnavailableNotice = lazy(() =>
  import("@/components/ui/unavailable-notice").then(
    (m) => ({ default: m.UnavailableNotice }),
    () => ({ default: StaticNotice }),
  ),
);

export function LazyUnavailableNotice(props: { reset: () => void; digest?: string }) {
  return (
    <Suspense fallback={<StaticNotice />}>
      <UnavailableNotice {...props} />
    </Suspense>
  );
}
