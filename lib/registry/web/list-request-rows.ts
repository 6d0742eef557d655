import { prisma } from "@/lib/db";
import type { IcrCreditRequest, Prisma } from "@/lib/generated/prisma/client";
import type { TRequestRow } from "@/lib/registry/web/request-row";

type TState = TRequestRow["state"];
const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** One page of the organization's requests (newest first) with the names a person needs to decide; `states` narrows it. */
export async function listRequestRows(input: {
  organizationId: string;
  page: number;
  limit: number;
  states?: readonly TState[];
  excludeStates?: readonly TState[];
}) {
  const where: Prisma.IcrCreditRequestWhereInput = {
    organizationId: input.organizationId,
    state: {
      ...(input.states && { in: [...input.states] }),
      ...(input.excludeStates && { notIn: [...input.excludeStates] }),
    },
  };
  const [items, total] = await Promise.all([
    prisma.icrCreditRequest.findMany({
      where,
      orderBy: NEWEST_FIRST,
      skip: (input.page - 1) * input.limit,
      take: input.limit,
    }),
    prisma.icrCreditRequest.count({ where }),
  ]);
  return {
    rows: await toRequestRows(items),
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / input.limit)),
  };
}

/** One request of the organization, as a row (the target of the admins' "awaits your approval" mail). */
export async function getRequestRow(input: { organizationId: string; requestId: string }): Promise<TRequestRow | null> {
  const request = await prisma.icrCreditRequest.findFirst({
    where: { id: input.requestId, organizationId: input.organizationId },
  });
  return request ? (await toRequestRows([request]))[0]! : null;
}

/** Adds project, destination, app and people names to raw requests (a few batched look-ups, not one per row). */
export async function toRequestRows(items: IcrCreditRequest[]): Promise<TRequestRow[]> {
  const userIds = [
    ...new Set(items.flatMap((r) => [r.requestedByUserId, r.decidedById].filter((x): x is string => !!x))),
  ];
  const [credits, orgs, apps, users] = await Promise.all([
    prisma.icrCredit.findMany({
      where: { id: { in: [...new Set(items.map((r) => r.creditId))] } },
      select: { id: true, project: { select: { fullName: true } } },
    }),
    prisma.icrOrganization.findMany({
      where: { id: { in: items.flatMap((r) => (r.toOrganizationId ? [r.toOrganizationId] : [])) } },
      select: { id: true, fullName: true },
    }),
    prisma.icrApp.findMany({
      where: { id: { in: items.flatMap((r) => (r.requestedByAppId ? [r.requestedByAppId] : [])) } },
      select: { id: true, name: true },
    }),
    prisma.icrUser.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
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
    requestedBy: r.requestedByAppId
      ? (appName.get(r.requestedByAppId) ?? "an app")
      : r.requestedByToken
        ? "an access token"
        : "an admin on ICR",
    requestedByApp: r.requestedByAppId ? (appName.get(r.requestedByAppId) ?? null) : null,
    requestedByUser: r.requestedByUserId ? (userLabel.get(r.requestedByUserId) ?? null) : null,
    onBehalfOf: personLabel(r.onBehalfOfName, r.onBehalfOfEmail, r.onBehalfOfAccountId),
    beneficiaryName: r.beneficiaryName,
    txId: r.txId,
    failureReason: r.failureReason,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedById ? (userLabel.get(r.decidedById) ?? "a former member") : null,
  }));
}

/** "Name (email)", or whichever part the app sent; the account id when it sent nothing else. */
function personLabel(name: string | null, email: string | null, accountId: string | null): string | null {
  // The app verified the address; the name is whatever its user typed, so it is marked as such.
  const named = name ? `${name} (name self-declared)` : null;
  if (named && email) return `${email}, ${named}`;
  return email ?? named ?? (accountId ? `account ${accountId}` : null);
}
