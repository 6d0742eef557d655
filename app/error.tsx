"use client";

import { UnavailableNotice } from "@/components/ui/unavailable-notice";

// Any page (Carbonmark or the ICR sandbox) whose data cannot be read: a friendly state, never a bare 500.
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <UnavailableNotice reset={reset} digest={error.digest} />;
}
