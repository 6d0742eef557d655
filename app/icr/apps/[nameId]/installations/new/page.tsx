import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { isAllowedRedirect } from "@/lib/registry/apps/is-allowed-redirect";
import { PERMISSION_WORDS, PERMISSIONS, type TPermission } from "@/lib/registry/auth/permissions";
import { requireIcrUser } from "@/lib/registry/auth/session";
import { findApp, organizationsWithApp } from "@/lib/registry/apps/find-app";
import { InstallForm } from "./install-form";

type TSearch = { state?: string | string[]; redirectUri?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// The consent screen an app sends an ICR user to: /icr/apps/{nameId}/installations/new?state=&redirectUri=
export default async function InstallAppPage({
  params,
  searchParams,
}: {
  params: Promise<{ nameId: string }>;
  searchParams: Promise<TSearch>;
}) {
  const { nameId } = await params;
  const search = await searchParams;
  const state = one(search.state);
  const redirectUri = one(search.redirectUri) ?? "";
  const app = await findApp(nameId);
  if (!app) notFound();

  // Refuse before anything else: an unregistered return address is never followed.
  if (!isAllowedRedirect(redirectUri, app.callbackUrls)) {
    return (
      <div className="mx-auto max-w-xl">
        <Card headingLevel={1} title={`This link cannot install ${app.name}`}>
          <Alert tone="danger" title="The return address is not registered for this app">
            {redirectUri ? (
              <>
                ICR only sends you back to addresses that {app.name} registered in advance, and{" "}
                <code className="break-all">{redirectUri}</code> is not one of them.
              </>
            ) : (
              <>The link has no return address.</>
            )}{" "}
            Nothing was installed. Start again from {app.name}, or tell its support about the link you followed.
          </Alert>
          <Link href="/icr" className="mt-4 inline-block text-sm text-icr hover:underline">
            Go to your ICR organizations
          </Link>
        </Card>
      </div>
    );
  }

  const query = new URLSearchParams({ redirectUri, ...(state !== undefined ? { state } : {}) });
  const user = await requireIcrUser(`/icr/apps/${encodeURIComponent(nameId)}/installations/new?${query}`);
  const adminOrgs = user.memberships.filter((m) => m.role === "admin");
  const installedIds = await organizationsWithApp(
    app.id,
    adminOrgs.map((m) => m.organizationId),
  );
  const permissions = PERMISSIONS.filter((p): p is TPermission => app.permissions.includes(p));

  return (
    <div className="mx-auto max-w-xl">
      <Card headingLevel={1} title={`Install ${app.name}`}>
        <div className="flex flex-col gap-5">
          <p className="text-sm text-slate-700">{app.description}</p>
          <div>
            <h2 className="mb-2 text-sm font-semibold text-slate-800">{app.name} asks for permission to:</h2>
            <ul className="flex flex-col gap-2">
              {permissions.map((p) => (
                <li key={p} className="flex gap-2 text-sm">
                  <span aria-hidden className="mt-0.5 text-emerald-600">
                    ✓
                  </span>
                  <span>
                    {PERMISSION_WORDS[p]} <code className="ml-1 text-xs text-slate-500">{p}</code>
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <Alert tone="warning" title={`${app.name} can never move credits on its own`}>
            These permissions do not let {app.name} transfer credits on your behalf. Every transfer it requests waits in
            your organization&apos;s inventory until an admin of your organization accepts it.
          </Alert>
          {adminOrgs.length === 0 ? (
            <Alert tone="danger" title="Only organization admins can install apps">
              You are a member, not an admin, of{" "}
              {user.memberships.map((m) => m.organization.fullName).join(", ") || "no organization"}. Ask an admin of
              your organization to install {app.name}.
            </Alert>
          ) : (
            <InstallForm
              appName={app.name}
              nameId={app.nameId}
              organizations={adminOrgs.map((m) => ({
                id: m.organizationId,
                fullName: m.organization.fullName,
                isInstalled: installedIds.has(m.organizationId),
              }))}
              redirectUri={redirectUri}
              state={state}
            />
          )}
          <p className="text-xs text-slate-500">
            After installing you return to <code className="break-all">{new URL(redirectUri).origin}</code>. Admins can
            uninstall apps at any time from the organization&apos;s Apps page.
          </p>
        </div>
      </Card>
    </div>
  );
}
