import type { ReactNode } from "react";
import { Providers } from "@/components/carbonmark/providers";
import { SignOutButton } from "@/components/carbonmark/sign-out-button";
import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";

export const dynamic = "force-dynamic";

// Plain links in the shared header keep next/link out of every page's first-load JavaScript.

export default async function CarbonmarkLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <Providers>
      <header className="border-b border-slate-200 bg-white">
        <nav className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-6 py-3">
          <a href="/portfolio" className="text-lg font-bold text-brand">
            Carbonmark
          </a>
          {user ? (
            <div className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm">
              <a href="/portfolio" className="text-slate-700 hover:text-slate-900">Portfolio</a>
              <a href="/activity" className="text-slate-700 hover:text-slate-900">Activity</a>
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- plain links keep next/link out of every page's first-load JS */}
              <a href="/retirements" className="text-slate-700 hover:text-slate-900">Retirements</a>
              <a href="/settings/connection" className="text-slate-700 hover:text-slate-900">Settings</a>
              <span className="hidden text-slate-500 sm:inline" data-testid="signed-in-as">{user.email}</span>
              <SignOutButton />
            </div>
          ) : (
            <div className="flex items-center gap-4 text-sm">
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- plain links keep next/link out of every page's first-load JS */}
              <a href="/retirements" className="text-slate-700 hover:text-slate-900">Retirements</a>
              <a href="/sign-in" className="text-slate-700 hover:text-slate-900">Sign in</a>
              <a href="/sign-up" className="font-semibold text-brand">Create account</a>
            </div>
          )}
        </nav>
      </header>
      <main className="mx-auto max-w-5xl px-6 py-8">{children}</main>
    </Providers>
  );
}
