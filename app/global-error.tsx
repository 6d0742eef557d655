"use client";

import "./globals.css";
import { LazyUnavailableNotice } from "@/components/ui/lazy-unavailable-notice";

// Errors in the root layout itself: the same friendly state, with its own <html>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <LazyUnavailableNotice reset={reset} digest={error.digest} />
      </body>
    </html>
  );
}
