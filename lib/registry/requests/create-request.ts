import { fromBaseUnits, toBaseUnits } from "@/lib/amount";
import { newCommitmentSalt } from "@/lib/proof/retirement-commitment";
import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";
import { badRequest, conflict, notFound } from "@/lib/registry/api/errors";
import type { TActionBody } from "@/lib/registry/api/schemas";
import { balanceKey, invalidateBalances, readBalances } from "@/lib/registry/inventory/chain-balances";
import { RESERVING_STATES } from "@/lib/registry/inventory/reserved";
import { queueRequestMail } from "@/lib/registry/mail/queue-request-mail";
import { notifyRequestChange } from "@/lib/registry/requests/notify-request-change";

export type TCreateRequest = {
  organizationId: string;
  action: "transfer" | "retire" | "transfer_retire";
  input: TActionBody;
  requestedByAppId?: string | null;
  requestedByToken?: string | null;
  /** The installation whose token made the request: its installer is the ICR user behind it unless the app names another member. */
  requestedByInstallationId?: string | null;
  /** A person's form's key (unique per organization): the caller looks it up before making another. */
  idempotencyKey?: string;
};

/**
 * Who asked, recorded on the request for the admins who decide it: the ICR user behind the app
 * (the member the app says connected the account, else whoever installed the app) and the app's
 * own account it acts for, as the app declared it.
 */
async function resolveRequester(opts: TCreateRequest) {
  const onBehalfOf = opts.input.onBehalfOf;
  let requestedByUserId: string | null = null;
  if (onBehalfOf?.icrUserId) {
    const member = await prisma.icrMembership.findUnique({
      where: { userId_organizationId: { userId: onBehalfOf.icrUserId, organizationId: opts.organizationId } },
    });
    if (!member)
      throw badRequest("onBehalfOf.icrUserId is not a member of this organization", [
        { path: "onBehalfOf.icrUserId", message: "is not a member of this organization" },
      ]);
    requestedByUserId = member.userId;
  } else if (opts.requestedByInstallationId) {
    const installation = await prisma.icrInstallation.findUnique({
      where: { id: opts.requestedByInstallationId },
      select: { installedById: true },
    });
    requestedByUserId = installation?.installedById ?? null;
  }
  return {
    requestedByUserId,
    onBehalfOfAccountId: onBehalfOf?.accountId ?? null,
    onBehalfOfName: onBehalfOf?.name || null,
    onBehalfOfEmail: onBehalfOf?.email || null,
  };
}

async function resolveDestination(opts: TCreateRequest): Promise<{ toAddress?: string; toOrganizationId?: string }> {
  const { toAddress, toOrganizationId } = opts.input;
  if (toAddress && toOrganizationId)
    throw badRequest("Send either toOrganizationId or toAddress, not both", [
      { path: "toAddress", message: "Send either toOrganizationId or toAddress, not both" },
    ]);
  if (!toAddress && !toOrganizationId) {
    if (opts.action === "retire") return {};
    throw badRequest("toOrganizationId or toAddress is required: where should the credits go?", [
      { path: "toAddress", message: "toOrganizationId or toAddress is required" },
    ]);
  }
  if (toOrganizationId) {
    const to = await prisma.icrOrganization.findUnique({
      where: { id: toOrganizationId },
      include: { addresses: { where: { isDefault: true } } },
    });
    if (!to || !to.addresses[0]) throw notFound(`Organization ${toOrganizationId} (toOrganizationId) not found`);
    if (to.id === opts.organizationId && opts.action === "transfer")
      throw badRequest("The credits are already in this organization: choose another destination");
    return { toOrganizationId, toAddress: to.addresses[0].address };
  }
  const own = await prisma.icrOrgAddress.findFirst({
    where: { organizationId: opts.organizationId, address: { equals: toAddress, mode: "insensitive" } },
  });
  if (own && opts.action === "transfer")
    throw badRequest("toAddress is one of this organization's own addresses: choose another destination");
  return { toAddress };
}

/**
 * Creates a transfer / retire / transfer_retire request in `pending_request`, reserving its amount.
 * Under a lock per (organization, credit), so concurrent requests can never together exceed
 * what the organization's addresses hold on chain.
 */
export async function createRequest(opts: TCreateRequest): Promise<IcrCreditRequest> {
  const { input, organizationId } = opts;
  const credit = await prisma.icrCredit.findUnique({ where: { id: input.creditId } });
  if (!credit) throw notFound(`Credit ${input.creditId} not found. Use an id from GET /organizations/{id}/inventory.`);
  const destination = await resolveDestination(opts);
  const requester = await resolveRequester(opts);
  const wanted = toBaseUnits(input.amount);

  const request = await prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${organizationId}:${credit.id}`}, 0))`;
      const addresses = await db.icrOrgAddress.findMany({
        where: { organizationId },
        orderBy: [{ isDefault: "desc" }, { derivationIndex: "asc" }],
      });
      const balances = await readBalances(
        addresses.map((a) => a.address),
        [{ tokenAddress: credit.tokenAddress, tokenId: credit.tokenId }],
      );
      const reservedRows = await db.icrCreditRequest.groupBy({
        by: ["fromAddress"],
        where: { organizationId, creditId: credit.id, state: { in: RESERVING_STATES } },
        _sum: { amount: true },
      });
      const reserved = new Map(
        reservedRows.map((r) => [r.fromAddress.toLowerCase(), toBaseUnits(r._sum.amount?.toFixed() ?? "0")]),
      );
      let held = 0n;
      let totalReserved = 0n;
      let from: string | undefined;
      for (const a of addresses) {
        const h = balances.get(balanceKey(a.address, credit.tokenAddress, credit.tokenId)) ?? 0n;
        const r = reserved.get(a.address.toLowerCase()) ?? 0n;
        held += h;
        totalReserved += r;
        if (!from && h - r >= wanted) from = a.address;
      }
      if (!from) {
        const available = held > totalReserved ? held - totalReserved : 0n;
        throw conflict(
          `Only ${fromBaseUnits(available)} of ${credit.serialization} is available (${fromBaseUnits(held)} held, ${fromBaseUnits(totalReserved)} reserved by pending requests); the request asks for ${input.amount}`,
        );
      }
      const created = await db.icrCreditRequest.create({
        data: {
          organizationId,
          action: opts.action,
          type: credit.type,
          creditId: credit.id,
          tokenId: credit.tokenId,
          tokenAddress: credit.tokenAddress,
          serialization: credit.serialization,
          vintage: credit.vintage,
          amount: input.amount,
          fromAddress: from,
          toAddress: destination.toAddress,
          toOrganizationId: destination.toOrganizationId,
          state: "pending_request",
          retirementReason: opts.action === "transfer" ? undefined : input.retirementReason,
          retirementComment: opts.action === "transfer" ? undefined : input.retirementComment,
          beneficiaryName: opts.action === "transfer" ? undefined : input.beneficiaryName,
          // the registry's own retire call binds these details to the burn (docs/proof.md)
          commitmentSalt: opts.action === "transfer" ? undefined : newCommitmentSalt(),
          requestedByAppId: opts.requestedByAppId ?? undefined,
          requestedByToken: opts.requestedByToken ?? undefined,
          idempotencyKey: opts.idempotencyKey,
          ...requester,
        },
      });
      await queueRequestMail(db, created); // the admins' mail exists if and only if the request does
      await notifyRequestChange(created, db); // and so does its webhook
      return created;
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
  invalidateBalances(organizationId); // its amount is now reserved
  return request;
}
