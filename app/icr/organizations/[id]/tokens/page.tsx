import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { MAX_TOKEN_DAYS } from "@/lib/registry/tokens/create-org-token";
import { listOrgTokens } from "@/lib/registry/tokens/list-org-tokens";
import { formatDate, formatDateTime } from "@/lib/format-date-time";
import { requireOrgMember } from "@/lib/registry/web/require-org-member";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenButton } from "./revoke-token-button";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const TONE = { active: "success", expired: "warning", revoked: "neutral" } as const;

// /icr/organizations/{id}/tokens: the organization's API access tokens; admins create and revoke them.
export default async function AccessTokensPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { isAdmin } = await requireOrgMember(id, `/icr/organizations/${id}/tokens`);
  const tokens = await listOrgTokens({ organizationId: id });
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_3fr]">
      <Card title="New access token">
        {isAdmin ? (
          <CreateTokenForm
            organizationId={id}
            defaultEndDate={day(30)}
            minEndDate={day(0)}
            maxEndDate={day(MAX_TOKEN_DAYS - 1)}
          />
        ) : (
          <p className="text-sm text-slate-600">Only admins of the organization can create access tokens.</p>
        )}
      </Card>
      <Card title="Access tokens">
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600">
            No access tokens yet. Tokens let your own scripts call the ICR API for this organization.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {tokens.map((t) => (
              <li key={t.id} className="flex items-start justify-between gap-4 py-3" data-testid="access-token">
                <div className="flex flex-col gap-1">
                  <div className="flex items-center gap-2">
                    <span className="font-medium">{t.name ?? "Unnamed token"}</span>
                    <Badge tone={TONE[t.status]}>{t.status}</Badge>
                  </div>
                  <p className="text-xs text-slate-600">{t.permissions.join(", ")}</p>
                  <p className="text-xs text-slate-500">
                    Created {formatDate(t.createdAt)} ·{" "}
                    {t.status === "revoked" && t.revokedAt
                      ? `revoked ${formatDateTime(t.revokedAt)}`
                      : `${t.status === "expired" ? "expired" : "valid until"} ${formatDateTime(t.expiresAt)}`}
                  </p>
                </div>
                {isAdmin && t.status === "active" && <RevokeTokenButton tokenId={t.id} name={t.name ?? "token"} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
