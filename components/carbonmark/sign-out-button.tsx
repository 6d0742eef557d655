"use client";

import { useRouter } from "next/navigation";
import { useHydrated } from "@/components/ui/use-hydrated";

// Signs out through next-auth's endpoint (CSRF token + POST) without shipping next-auth/react.
async function endSession() {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
}

export function SignOutButton() {
  const router = useRouter();
  const isReady = useHydrated();
  return (
    <button
      type="button"
      disabled={!isReady}
      className="text-sm text-slate-600 hover:text-slate-900"
      onClick={async () => {
        await endSession();
        router.replace("/sign-in");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
