import { Counter } from "prom-client";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { queueMails, type TMailTable } from "@/lib/mail/outbox";
import { renderMail } from "@/lib/mail/render";
import { metricsRegistry } from "@/lib/metrics/registry";

// Neutral (neither side's domain): both reconciliations raise their unexplained gaps here.

const globalForAlert = globalThis as unknown as { reconciliationGaps?: Counter<"side"> };

/** reconciliation_unexplained_gaps_total{side}: unexplained gaps found (each gap counted once, when first found). */
export function reconciliationGapCounter(): Counter<"side"> {
  globalForAlert.reconciliationGaps ??= new Counter({
    name: "reconciliation_unexplained_gaps_total",
    help: "Unexplained reconciliation gaps found (each counted once, when first found)",
    labelNames: ["side"],
    registers: [metricsRegistry()],
  });
  return globalForAlert.reconciliationGaps;
}

export type TGapAlert = {
  side: "carbonmark" | "icr";
  /** Stable for one gap (e.g. the transaction that nothing explains): the same gap alerts once. */
  key: string;
  /** Who or what is reconciled (a user's e-mail, an organization's name). */
  subject: string;
  lines: [string, string][];
  mail: { table: TMailTable; queue: string };
};

/**
 * Raises an unexplained gap: an error in the log, the metric, and a mail to OPERATOR_EMAIL through
 * the side's outbox (once per gap: the outbox keeps one mail per event key). Nothing is corrected:
 * a gap stays until a person finds its cause. Returns whether this gap was new.
 */
export async function raiseReconciliationAlert(alert: TGapAlert): Promise<boolean> {
  const { text, html } = renderMail({
    heading: "Unexplained reconciliation gap",
    intro: `Registry, chain and ledger disagree for ${alert.subject} and no pending approval, finality or webhook explains it. Nothing was changed; find the cause.`,
    lines: alert.lines,
    footer: `Operator alert from the reconciliation (${alert.side === "icr" ? "docs/icr-contract.md" : "docs/carbonmark.md"}, "Reconciliation").`,
  });
  const ids = await prisma.$transaction((db) =>
    queueMails(db, {
      ...alert.mail,
      mails: [
        {
          eventKey: `reconciliation-gap:${alert.side}:${alert.key}`,
          kind: "operator_alert",
          recipient: config().OPERATOR_EMAIL,
          subject: `Reconciliation gap: ${alert.subject}`,
          text,
          html,
        },
      ],
    }),
  );
  const isNew = ids.length > 0;
  logger.error(
    { side: alert.side, key: alert.key, subject: alert.subject, lines: alert.lines, isNew },
    "unexplained reconciliation gap",
  );
  if (isNew) reconciliationGapCounter().inc({ side: alert.side });
  return isNew;
}
