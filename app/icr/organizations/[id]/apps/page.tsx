import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { listOrgInstallations } from "@/lib/registry/apps/list-org-installations";
import { PERMISSION_WORDS, type TPermission } from "@/lib/registry/auth/permissions";
import { requireOrgMember } from "@/lib/registry/web/require-org-member";
import { formatDateTime } from "@/lib/format-date-time";
import { UninstallButton } from "./uninstall-button";
import { WebhookDeliveries } from "./webhook-deliveries";

// /icr/organizations/{id}/apps: the apps installed on the organization; admins uninstall here.
export default async function InstalledAppsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { membership, isAdmin } = await requireOrgMember(id, `/icr/organizations/${id}/apps`);
  const installations = await listOrgInstallations({ organizationId: id });
  return (
    <div className="flex flex-col gap-6">
      <Card title="Installed apps">
        {installations.length === 0 ? (
          <p className="text-sm text-slate-600">No app is installed on this organization.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {installations.map((i) => (
              <li
                key={i.id}
                className="flex flex-wrap items-start justify-between gap-4 py-4"
                data-testid="installation"
              >
                <div className="flex max-w-2xl flex-col gap-1">
                  <div className="flex items-center gap-2">
                    <span className="font-semibold">{i.app.name}</span>
                    {i.isActive ? <Badge tone="success">installed</Badge> : <Badge tone="neutral">uninstalled</Badge>}
                  </div>
                  <p className="text-sm text-slate-600">{i.app.description}</p>
                  {i.isActive && (
                    <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
                      {i.permissions.map((p) => (
                        <li key={p}>{PERMISSION_WORDS[p as TPermission] ?? p}</li>
                      ))}
                    </ul>
                  )}
                  <p className="text-xs text-slate-500">
                    {i.isActive
                      ? `Installed ${formatDateTime(i.updatedAt)} · ${i.activeTokenCount} active access token${i.activeTokenCount === 1 ? "" : "s"}`
                      : `Uninstalled ${formatDateTime(i.updatedAt)}`}
                  </p>
                </div>
                {i.isActive && isAdmin && (
                  <UninstallButton
                    installationId={i.id}
                    appName={i.app.name}
                    organizationName={membership.organization.fullName}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        {!isAdmin && <p className="mt-4 text-sm text-slate-500">Only admins of the organization can uninstall apps.</p>}
      </Card>
      {isAdmin && <WebhookDeliveries organizationId={id} />}
    </div>
  );
}
