import { formatTonnes } from "@/lib/amount";
import { config } from "@/lib/config";
import type { CmImport, Prisma } from "@/lib/generated/prisma/client";
import { queueUserMail } from "@/lib/carbonmark/mail/queue-user-mail";

/** Mails the user when an import reached an end the user must know of: arrived, declined or failed. */
export async function queueImportMail(db: Prisma.TransactionClient, imp: CmImport): Promise<void> {
  const amount = formatTonnes(imp.amount.toFixed());
  const what: [string, string][] = [
    ["Credits", `${imp.projectName} · ${imp.serialization} · vintage ${imp.vintage}`],
    ["Amount", amount],
    ["Wallet", imp.toAddress],
  ];
  const portfolio = { label: "Open your portfolio", url: `${config().APP_URL}/portfolio` };
  const isRetire = imp.action === "transfer_retire";
  if (imp.state === "processed") {
    await queueUserMail(db, {
      userId: imp.userId,
      kind: "import_arrived",
      eventKey: `import-processed:${imp.id}`,
      subject: isRetire ? `${amount} imported from ICR and retired` : `${amount} arrived in your Carbonmark wallet`,
      body: {
        heading: isRetire ? "Your credits were retired on arrival" : "Your credits arrived",
        intro: isRetire
          ? `ICR moved the credits and retired them for ${imp.beneficiaryName ?? "your beneficiary"}.`
          : "ICR moved the credits to your Carbonmark wallet.",
        lines: [...what, ...(imp.txId ? [["Transaction", imp.txId] as [string, string]] : [])],
        link: portfolio,
      },
    });
  } else if (imp.state === "rejected") {
    await queueUserMail(db, {
      userId: imp.userId,
      kind: "import_declined",
      eventKey: `import-rejected:${imp.id}`,
      subject: `Your import of ${amount} was declined on ICR`,
      body: {
        heading: "Your import was declined",
        intro: "An admin of your ICR organization declined the request. Nothing was moved.",
        lines: what,
        link: portfolio,
      },
    });
  } else if (imp.state === "failed") {
    await queueUserMail(db, {
      userId: imp.userId,
      kind: "import_failed",
      eventKey: `import-failed:${imp.id}`,
      subject: `Your import of ${amount} failed`,
      body: {
        heading: "Your import failed",
        intro: "The credits did not reach your wallet. Check your ICR inventory before trying again.",
        lines: [...what, ["Reason", imp.lastError ?? "ICR gave no reason"]],
        link: {
          label: "Open your ICR inventory",
          url: `${config().ICR_WEB_URL}/organizations/${imp.organizationId}/inventory`,
        },
      },
    });
  }
}
