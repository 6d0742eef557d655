import { formatTonnes } from "@/lib/amount";
import { config } from "@/lib/config";
import type { IcrCreditRequest, Prisma } from "@/lib/generated/prisma/client";
import { queueMails } from "@/lib/mail/outbox";
import { renderMail } from "@/lib/mail/render";
import { ICR_MAIL_QUEUE } from "@/lib/registry/mail/mail-queue";

const KIND = "request_awaiting_approval";
const WHAT: Record<IcrCreditRequest["action"], string> = {
  transfer: "Transfer",
  transfer_retire: "Transfer and retire",
  retire: "Retire",
  cancel: "Cancel",
};

/** Where an admin decides on the request: the inventory page, opened on that request. */
export function requestUrl(r: Pick<IcrCreditRequest, "id" | "organizationId">): string {
  return `${config().ICR_WEB_URL}/organizations/${r.organizationId}/inventory?request=${r.id}#request-${r.id}`;
}

/**
 * Mails every admin of the organization who has not turned it off that a request made through the
 * API awaits their approval. Runs in the request's own transaction (recorded and queued only if the
 * request is), once per (request, admin). Requests an admin makes on ICR need no approval mail.
 */
export async function queueRequestMail(db: Prisma.TransactionClient, request: IcrCreditRequest): Promise<void> {
  if (request.state !== "pending_request" || (!request.requestedByAppId && !request.requestedByToken)) return;
  // One query at a time: they share the request's transaction connection.
  const admins = await db.icrMembership.findMany({
    where: {
      organizationId: request.organizationId,
      role: "admin",
      user: { mailPreferences: { none: { kind: KIND, isEnabled: false } } },
    },
    select: { user: { select: { email: true } } },
  });
  if (!admins.length) return;
  const org = await db.icrOrganization.findUniqueOrThrow({
    where: { id: request.organizationId },
    select: { fullName: true },
  });
  const app = request.requestedByAppId
    ? await db.icrApp.findUnique({ where: { id: request.requestedByAppId }, select: { name: true } })
    : null;
  const project = await db.icrCredit.findUnique({
    where: { id: request.creditId },
    select: { project: { select: { fullName: true } } },
  });
  const toOrg = request.toOrganizationId
    ? await db.icrOrganization.findUnique({ where: { id: request.toOrganizationId }, select: { fullName: true } })
    : null;
  const isRetire = request.action === "retire";
  const subject = isRetire ? "A retirement request awaits your approval" : "A transfer request awaits your approval";
  const askedBy = app ? `the app ${app.name}` : "an access token of your organization";
  // The account the app acts for (docs/icr-contract.md, "Who asked"), so an unexpected request stands out.
  const onBehalfOf =
    request.onBehalfOfName && request.onBehalfOfEmail
      ? `${request.onBehalfOfName} (${request.onBehalfOfEmail})`
      : (request.onBehalfOfName ?? request.onBehalfOfEmail ?? request.onBehalfOfAccountId);
  const { text, html } = renderMail({
    heading: subject,
    intro: `${askedBy[0]!.toUpperCase()}${askedBy.slice(1)} asks ${org.fullName} to ${isRetire ? "retire" : "move"} credits. Nothing moves until an admin accepts.`,
    lines: [
      [
        "What",
        `${WHAT[request.action]} · ${project?.project.fullName ?? "ICR credits"} · ${request.serialization} · vintage ${request.vintage}`,
      ],
      ["How much", formatTonnes(request.amount.toFixed())],
      ...(request.toAddress ? [["To address", request.toAddress] as [string, string]] : []),
      ...(toOrg ? [["To organization", toOrg.fullName] as [string, string]] : []),
      ...(request.beneficiaryName ? [["Retired for", request.beneficiaryName] as [string, string]] : []),
      ["Asked by", askedBy],
      ...(onBehalfOf ? [["On behalf of", onBehalfOf] as [string, string]] : []),
      ["From", org.fullName],
    ],
    link: { label: "Review the request", url: requestUrl(request) },
    footer:
      "You get this because you administer this organization on ICR. Turn these e-mails off on your ICR home page.",
  });
  await queueMails(db, {
    table: "icr_mail_outbox",
    queue: ICR_MAIL_QUEUE,
    mails: admins.map((a) => ({
      eventKey: `request:${request.id}`,
      kind: KIND,
      recipient: a.user.email,
      subject,
      text,
      html,
    })),
  });
}
