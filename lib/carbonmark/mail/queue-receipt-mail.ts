import { formatTonnes } from "@/lib/amount";
import { config } from "@/lib/config";
import type { CmExport, CmRetirement, Prisma } from "@/lib/generated/prisma/client";
import { queueUserMail } from "@/lib/carbonmark/mail/queue-user-mail";

/** The receipt of a confirmed export back to ICR. */
export async function queueExportReceipt(db: Prisma.TransactionClient, row: CmExport): Promise<void> {
  const amount = formatTonnes(row.amount.toFixed());
  await queueUserMail(db, {
    userId: row.userId,
    kind: "export_receipt",
    eventKey: `export-confirmed:${row.id}`,
    subject: `Receipt: ${amount} sent to ICR`,
    body: {
      heading: "Your export to ICR is confirmed",
      lines: [
        ["Credit", row.creditId],
        ["Amount", amount],
        ["To address", row.toAddress],
        ["Transaction", row.txHash ?? "—"],
        ["Date (UTC)", row.updatedAt.toISOString().replace("T", " ").slice(0, 16)],
      ],
      link: {
        label: "Open your ICR inventory",
        url: `${config().ICR_WEB_URL}/organizations/${row.organizationId}/inventory`,
      },
    },
  });
}

/** The receipt of a retirement, once ICR has its certificate. */
export async function queueRetirementReceipt(db: Prisma.TransactionClient, row: CmRetirement): Promise<void> {
  if (!row.icrRetirementId) return;
  const amount = formatTonnes(row.amount.toFixed());
  await queueUserMail(db, {
    userId: row.userId,
    kind: "retirement_receipt",
    eventKey: `retirement-certified:${row.id}`,
    subject: `Receipt: ${amount} retired for ${row.beneficiary}`,
    body: {
      heading: "Your retirement is complete",
      intro: "The credits are burned on chain and ICR issued the certificate.",
      lines: [
        ["Credit", row.creditId],
        ["Amount", amount],
        ["Beneficiary", row.beneficiary],
        ["Reason", row.reason],
        ["Transaction", row.txHash ?? "—"],
        ["Certificate", `${config().APP_URL}/api/carbonmark/certificates/${row.icrRetirementId}`],
      ],
      link: {
        label: "Download the certificate",
        url: `${config().APP_URL}/api/carbonmark/certificates/${row.icrRetirementId}`,
      },
    },
  });
}
