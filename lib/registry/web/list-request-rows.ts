import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { listRequests } from "@/lib/registry/requests/list-requests";
import type { TRequestRow } from "@/lib/registry/web/request-row";

/** One page of the organization's requests (newest first) with the names a person needs to decide. */
export async function listRequestRows(input: { organizationId: string; page: number; limit: number }) {
  const page = await listRequests(input);
  return { rows: await toRows(page.items), total: page.total, page: page.page, pageCount: page.pageCount };
}

/** One request of the organization, as a row (the target of the admins' "awaits your approval" mail). */
export async function getRequestRow(input: { organizationId: string; requestId: string }): Promise<TRequestRow | null> {
  const request = await prisma.icrCreditRequest.findFirst({ where: { id: input.requestId, organizationId: input.organizationId } });
  return request ? (await toRows([request]))[0]! : null;
}

async function toRows(items: IcrCreditRequest[]): Promise<TRequestRow[]> {
  const [credits, orgs, apps, users] = await Promise.all([
    prisma.icrCredit.findMany({ where: { id: { in: [...new Set(items.map((r) => r.creditId))] } }, select: { id: true, project: { select: { fullName: true } } } }),
    prisma.icrOrganization.findMany({ where: { id: { in: items.flatMap((r) => (r.toOrganizationId ? [r.toOrganizationId] : [])) } }, select: { id: true, fullName: true } }),
    prisma.icrApp.findMany({ where: { id: { in: items.flatMap((r) => (r.requestedByAppId ? [r.requestedByAppId] : [])) } }, select: { id: true, name: true } }),
    prisma.icrUser.findMany({ where: { id: { in: items.flatMap((r) => (r.requestedByUserId ? [r.requestedByUserId] : [])) } }, select: { id: true, name: true, email: true } }),
  ]);
  const userLabel = new Map(users.map((u) => [u.id, `${u.name} (${u.email})`]));
  const projectOf = new Map(credits.map((c) => [c.id, c.project.fullName]));
  const orgName = new Map(orgs.map((o) => [o.id, o.fullName]));
  const appName = new Map(apps.map((a) => [a.id, a.name]));
  return items.map((r) => ({
    id: r.id,
    action: r.action,
    state: r.state,
    amount: r.amount.toFixed(),
    serialization: r.serialization,
    vintage: r.vintage,
    projectName: projectOf.get(r.creditId) ?? null,
    toAddress: r.toAddress,
    toOrganizationName: r.toOrganizationId ? (orgName.get(r.toOrganizationId) ?? null) : null,
    requestedBy: r.requestedByAppId ? (appName.get(r.requestedByAppId) ?? "an app") : r.requestedByToken ? "an access token" : "an admin on ICR",
    requestedByApp: r.requestedByAppId ? (appName.get(r.requestedByAppId) ?? null) : null,
    requestedByUser: r.requestedByUserId ? (userLabel.get(r.requestedByUserId) ?? null) : null,
    onBehalfOf: personLabel(r.onBehalfOfName, r.onBehalfOfEmail, r.onBehalfOfAccountId),
    beneficiaryName: r.beneficiaryName,
    txId: r.txId,
    failureReason: r.failureReason,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

/** "Name (email)", or whichever part the app sent; the account id when it sent nothing else. */
function personLabel(name: string | null, email: string | null, accountId: string | null): string | null {
  if (name && email) return `${name} (${email})`;
  return name ?? email ?? (accountId ? `account ${accountId}` : null);
}
