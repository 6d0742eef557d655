import { getIcrUser } from "@/lib/registry/auth/session";
import { signOutAction } from "@/app/icr/sign-in/actions";
import { NavMenu } from "@/components/ui/nav-menu";

// Plain <a> links, not next/link (~3.3 kB gzip): this header is on signed-out pages (/icr/sign-in,
// /icr/retirements), which stay within 8 kB of the framework's JavaScript (docs/carbonmark.md, "First-load JavaScript").

export const dynamic = "force-dynamic";

export default async function IcrLayout({ children }: { children: React.ReactNode }) {
  // A page that must work without the database (the public proof says so itself) still gets its header.
  const user = await getIcrUser().catch(() => null);
  return (
    <div className="min-h-screen bg-slate-100">
      <header className="bg-icr-dark text-white">
        <nav aria-label="ICR" className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <a href="/icr" className="flex min-w-0 items-center gap-2 font-semibold">
            <span className="rounded bg-white px-1.5 py-0.5 text-xs font-bold text-icr-dark">ICR</span>
            <span className="hidden md:inline">International Carbon Registry</span>{" "}
            <span className="text-xs font-normal text-blue-200">sandbox</span>
          </a>
          <NavMenu tone="dark">
            <a href="/icr/retirements" className="text-blue-100 hover:text-white hover:underline">
              Retirements
            </a>
            {user && (
              <a href="/icr/account" className="text-blue-100 hover:text-white hover:underline">
                Account
              </a>
            )}
            {user && (
              <form action={signOutAction} className="flex flex-wrap items-center gap-3 text-sm">
                <span className="break-all text-blue-100">{user.email}</span>
                <button className="rounded border border-blue-300 px-2 py-1 hover:bg-blue-800">Sign out</button>
              </form>
            )}
          </NavMenu>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
