import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { requireIcrUser } from "@/lib/registry/auth/session";

export default async function IcrHomePage() {
  const user = await requireIcrUser("/icr");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Your organizations</h1>
      <Card>
        {user.memberships.length === 0 ? (
          <p className="text-slate-600">You do not belong to any organization yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {user.memberships.map((m) => (
              <li key={m.organizationId} className="flex items-center justify-between py-3">
                <Link className="font-medium text-icr hover:underline" href={`/icr/organizations/${m.organizationId}/inventory`}>
                  {m.organization.fullName}
                </Link>
                <Badge tone={m.role === "admin" ? "info" : "neutral"}>{m.role}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
