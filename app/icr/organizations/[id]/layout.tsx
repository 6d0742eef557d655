import { Badge } from "@/components/ui/badge";
import { getIcrUser } from "@/lib/registry/auth/session";
import { OrgTabs } from "./org-tabs";

// The frame of every organization page: name, the user's role, tabs. Each page checks access itself.
export default async function OrganizationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const membership = (await getIcrUser())?.memberships.find((m) => m.organizationId === id);
  if (!membership) return children;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <a href="/icr" className="text-sm text-icr hover:underline">
          ← Your organizations
        </a>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="break-words text-2xl font-bold">{membership.organization.fullName}</h1>
          <Badge tone={membership.role === "admin" ? "info" : "neutral"}>{membership.role}</Badge>
        </div>
        <OrgTabs organizationId={id} />
      </div>
      {children}
    </div>
  );
}
