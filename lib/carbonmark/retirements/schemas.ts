import { z } from "zod";
import { ZCreditAmount } from "@/lib/amount";
import { refineSingleLine } from "@/lib/single-line-text";
import { refineNoContactDetails } from "@/lib/contact-details-text";
import { hiddenUntilProblem } from "@/lib/beneficiary-privacy";
import { ZWalletConsent } from "@/lib/carbonmark/wallet/wallet-consent";

export const BENEFICIARY_MAX = 200;

/**
 * The beneficiary, reason and comment of a retirement: shared by RETIRE and "retire on arrival"
 * imports. Each is one line of visible text (lib/single-line-text.ts): printed on the certificate,
 * a line break or a bidi control could forge or reorder its lines.
 */
export const ZRetirementDetails = z.object({
  beneficiary: z
    .string({ error: "Enter the beneficiary's name" })
    .trim()
    .min(1, "Enter the beneficiary's name")
    .max(BENEFICIARY_MAX, `The beneficiary's name may be at most ${BENEFICIARY_MAX} characters`)
    .refine((s) => !s.includes(";;"), "The beneficiary's name may not contain ;;")
    .superRefine(refineSingleLine("The beneficiary's name"))
    .superRefine(refineNoContactDetails("The beneficiary's name")),
  reason: z
    .string()
    .trim()
    .max(500, "The reason may be at most 500 characters")
    .refine((s) => !s.includes(";;"), "The reason may not contain ;;")
    .superRefine(refineSingleLine("The reason"))
    .superRefine(refineNoContactDetails("The reason"))
    .default(""),
  comment: z
    .string()
    .trim()
    .max(1000, "The comment may be at most 1000 characters")
    .refine((s) => !s.includes(";;"), "The comment may not contain ;;")
    .superRefine(refineSingleLine("The comment"))
    .superRefine(refineNoContactDetails("The comment"))
    .default(""),
});
export type TRetirementDetails = z.output<typeof ZRetirementDetails>;

/** What the RETIRE form sends, with the consent from the confirmation dialog (the PIN or a passkey). */
export const ZRetireCredits = z
  .object({
    creditId: z.string({ error: "Select an asset" }).min(1, "Select an asset").max(200),
    quantity: ZCreditAmount,
    ...ZRetirementDetails.shape,
    idempotencyKey: z.uuid(),
    /** a date (YYYY-MM-DD) until which public pages omit the beneficiary's name; empty: shown at once */
    hideBeneficiaryUntil: z
      .string()
      .trim()
      .default("")
      .transform((s, ctx) => {
        if (!s) return null;
        const until = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : new Date(Number.NaN);
        const problem = hiddenUntilProblem(until);
        if (problem) {
          ctx.addIssue({ code: "custom", message: `The date to hide the beneficiary until ${problem}` });
          return z.NEVER;
        }
        return until;
      }),
  })
  .and(ZWalletConsent);
export type TRetireCredits = z.output<typeof ZRetireCredits>;

/** Finishing a retirement later (resume on chain and/or get the certificate): needs the PIN (or a passkey) again. */
export const ZFinishRetirement = z.object({ retirementId: z.uuid() }).and(ZWalletConsent);

export const ZCancelImport = z.object({ importId: z.uuid() });
