"use client";

import clsx from "clsx";
import { usePathname } from "next/navigation";

const TABS = [
  { path: "inventory", label: "Inventory", short: "Inventory" },
  { path: "apps", label: "Installed apps", short: "Apps" },
  { path: "tokens", label: "Access tokens", short: "Tokens" },
  { path: "reconciliation", label: "Reconciliation", short: "Reconciliation" },
] as const;

// On a phone the tabs take their short names so all four fit in 390 px without scrolling.
// Plain links, not next/link (~3.3 kB gzip): with it the inventory page was over its first-load target;
// the organization's layout, inventory and history filter use plain links for the same reason.
export function OrgTabs({ organizationId }: { organizationId: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Organization" className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {TABS.map((t) => {
        const href = `/icr/organizations/${organizationId}/${t.path}`;
        const isActive = pathname.startsWith(href);
        return (
          <a
            key={t.path}
            href={href}
            aria-current={isActive ? "page" : undefined}
            className={clsx(
              "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium sm:px-4",
              isActive ? "border-icr text-icr" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            <span className="sm:hidden">{t.short}</span>
            <span className="hidden sm:inline">{t.label}</span>
          </a>
        );
      })}
    </nav>
  );
}
