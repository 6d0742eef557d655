import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/components/carbonmark/providers";
import { SignOutButton } from "@/components/carbonmark/sign-out-button";
import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";

export const dynamic = "force-dynamic";

export default async function CarbonmarkLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <Providers>
      <header className="border-b border-slate-200 bg-white">
        <nav className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-6 py-3">
          <Link href="/portfolio" className="text-lg font-bold text-brand">
            Carbonmark
          </Link>
          {user ? (
            <div className="flex items-center gap-5 text-sm">
              <Link href="/portfolio" className="text-slate-700 hover:text-slate-900">Portfolio</Link>
              <Link href="/retirements" className="text-slate-700 hover:text-slate-900">Retirements</Link>
              <Link href="/settings/connection" className="text-slate-700 hover:text-slate-900">Settings</Link>
              <span className="hidden text-slate-500 sm:inline" data-testid="signed-in-as">{user.email}</span>
              <SignOutButton />
            </div>
          ) : (
            <div className="flex items-center gap-4 text-sm">
              <Link href="/retirements" className="text-slate-700 hover:text-slate-900">Retirements</Link>
              <Link href="/sign-in" className="text-slate-700 hover:text-slate-900">Sign in</Link>
              <Link href="/sign-up" className="font-semibold text-brand">Create account</Link>
            </div>
          )}
        </nav>
      </header>
      <main className="mx-auto max-w-5xl px-6 py-8">{children}</main>
    </Providers>
  );
}
