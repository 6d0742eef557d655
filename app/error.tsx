"use client";

import { lazy, Suspense } from "react";

// Next.js puts this boundary in every page's first-load JavaScript, so the notice itself loads only
// when a page fails (its own chunk, ~1 kB gzip less on every page).
const UnavailableNotice = lazy(() =>
  import("@/components/ui/unavailable-notice").then((m) => ({ default: m.UnavailableNotice })),
);

// Any page (Carbonmark or the ICR sandbox) whose data cannot be read: a friendly state, never a bare 500.
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Suspense>
      <UnavailableNotice reset={reset} digest={error.digest} />
    </Suspense>
  );
}
