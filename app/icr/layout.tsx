import Link from "next/link";
import { getIcrUser } from "@/lib/registry/auth/session";
import { signOutAction } from "@/app/icr/sign-in/actions";

export const dynamic = "force-dynamic";

export default async function IcrLayout({ children }: { children: React.ReactNode }) {
  const user = await getIcrUser();
  return (
    <div className="min-h-screen bg-slate-100">
      <header className="bg-icr-dark text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-6 py-3">
          <Link href="/icr" className="flex items-center gap-2 font-semibold">
            <span className="rounded bg-white px-1.5 py-0.5 text-xs font-bold text-icr-dark">ICR</span>
            International Carbon Registry <span className="text-xs font-normal text-blue-200">sandbox</span>
          </Link>
          <div className="flex items-center gap-5 text-sm">
          <Link href="/icr/retirements" className="text-blue-100 hover:text-white hover:underline">
            Retirements
          </Link>
          {user && (
            <form action={signOutAction} className="flex items-center gap-3 text-sm">
              <span className="hidden text-blue-100 sm:inline">{user.email}</span>
              <button className="rounded border border-blue-300 px-2 py-1 hover:bg-blue-800">Sign out</button>
            </form>
          )}
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-6xl px-6 py-8">{children}</div>
    </div>
  );
}
