"use client";

import { LazyUnavailableNotice } from "@/components/ui/lazy-unavailable-notice";

// Any page (Carbonmark or the ICR sandbox) whose data cannot be read: a friendly state, never a bare 500.
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <LazyUnavailableNotice reset={reset} digest={error.digest} />;
}
