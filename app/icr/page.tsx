import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { formatAmount } from "@/lib/amount";
import { requireIcrUser } from "@/lib/registry/auth/session";
import { getIcrMailPreferences } from "@/lib/registry/mail/mail-preferences";
import { pendingByOrganization } from "@/lib/registry/requests/pending-by-organization";
import { MailToggles } from "./mail-toggles";

export default async function IcrHomePage() {
  const user = await requireIcrUser("/icr");
  // Every open request of each organization (not one page of them); it waits until an admin decides on the inventory page.
  const pendingOf = await pendingByOrganization(user.memberships.map((m) => m.organizationId));
  const mailPreferences = await getIcrMailPreferences(user.id);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Your organizations</h1>
      <Card>
        {user.memberships.length === 0 ? (
          <p className="text-slate-600">You do not belong to any organization yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {user.memberships.map((m) => {
              const waiting = pendingOf.get(m.organizationId);
              return (
                <li key={m.organizationId} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3">
                  <Link
                    className="font-medium text-icr hover:underline"
                    href={`/icr/organizations/${m.organizationId}/inventory`}
                  >
                    {m.organization.fullName}
                  </Link>
                  <span className="flex items-center gap-2">
                    {waiting && (
                      <a
                        href={`/icr/organizations/${m.organizationId}/inventory`}
                        data-testid="org-pending"
                        title={`${formatAmount(waiting.reserved)} tCO₂e reserved until decided`}
                      >
                        <Badge tone="warning">{waiting.count} awaiting approval</Badge>
                      </a>
                    )}
                    <Badge tone={m.role === "admin" ? "info" : "neutral"}>{m.role}</Badge>
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      {user.memberships.some((m) => m.role === "admin") && (
        <Card title="E-mail notifications">
          <p className="mb-1 text-sm text-slate-600">Sent to {user.email}.</p>
          <MailToggles initial={mailPreferences} />
        </Card>
      )}
    </div>
  );
}
