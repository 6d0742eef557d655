"use client";

import "./globals.css";
import { lazy, Suspense } from "react";

// Like app/error.tsx, the notice loads only when needed: Next.js puts this file in every page's first load.
const UnavailableNotice = lazy(() =>
  import("@/components/ui/unavailable-notice").then((m) => ({ default: m.UnavailableNotice })),
);

// Errors in the root layout itself: the same friendly state, with its own <html>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Suspense>
          <UnavailableNotice reset={reset} digest={error.digest} />
        </Suspense>
      </body>
    </html>
  );
}
