/**
 * The e-mails the ICR sandbox sends that each user can turn off (icr_mail_preference). Security
 * e-mails (lib/registry/mail/security-mail.ts: reset links, password changed or reset) are not
 * listed here: they are always sent.
 */
export const ICR_MAIL_KINDS = {
  request_awaiting_approval: {
    label: "A request awaits my approval",
    help: "When an app or an access token asks to move or retire credits of an organization I administer.",
  },
} as const;
export type TIcrMailKind = keyof typeof ICR_MAIL_KINDS;
export const ICR_MAIL_KIND_NAMES = Object.keys(ICR_MAIL_KINDS) as TIcrMailKind[];
