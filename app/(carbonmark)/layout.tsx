import type { ReactNode } from "react";
import { SignOutButton } from "@/components/carbonmark/sign-out-button";
import { NavMenu } from "@/components/ui/nav-menu";
import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { signOutAction } from "./sign-out-action";

export const dynamic = "force-dynamic";

// Plain links in the shared header keep next/link out of every page's first-load JavaScript.

export default async function CarbonmarkLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <nav
          aria-label="Carbonmark"
          className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3 sm:px-6"
        >
          <a href="/portfolio" className="text-lg font-bold text-brand">
            Carbonmark
          </a>
          {user ? (
            <NavMenu>
              <a href="/portfolio" className="text-slate-700 hover:text-slate-900">
                Portfolio
              </a>
              <a href="/activity" className="text-slate-700 hover:text-slate-900">
                Activity
              </a>
              <a href="/statements" className="text-slate-700 hover:text-slate-900">
                Statements
              </a>
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- plain links keep next/link out of every page's first-load JS */}
              <a href="/retirements" className="text-slate-700 hover:text-slate-900">
                Retirements
              </a>
              <a href="/settings/connection" className="text-slate-700 hover:text-slate-900">
                Settings
              </a>
              <span className="text-slate-500">{user.email}</span>
              <SignOutButton action={signOutAction} />
            </NavMenu>
          ) : (
            <NavMenu>
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- plain links keep next/link out of every page's first-load JS */}
              <a href="/retirements" className="text-slate-700 hover:text-slate-900">
                Retirements
              </a>
              <a href="/sign-in" className="text-slate-700 hover:text-slate-900">
                Sign in
              </a>
              <a href="/sign-up" className="font-semibold text-brand">
                Create account
              </a>
            </NavMenu>
          )}
        </nav>
      </header>
      {user && !user.emailVerified && (
        <aside
          aria-label="Confirm your e-mail address"
          className="border-b border-amber-200 bg-amber-50"
          data-testid="unverified-banner"
        >
          <p className="mx-auto max-w-5xl px-4 py-2 text-sm text-amber-900 sm:px-6">
            Confirm your e-mail address: open the link we sent to <strong className="break-all">{user.email}</strong>.
            Until then your account cannot connect to ICR or move credits.{" "}
            <a className="font-semibold underline" href="/settings/account">
              Send it again
            </a>
          </p>
        </aside>
      )}
      <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">{children}</main>
    </>
  );
}
