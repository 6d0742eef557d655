/** The e-mails the ICR sandbox sends; each can be turned off per user (icr_mail_preference). */
export const ICR_MAIL_KINDS = {
  request_awaiting_approval: {
    label: "A request awaits my approval",
    help: "When an app or an access token asks to move or retire credits of an organization I administer.",
  },
} as const;
export type TIcrMailKind = keyof typeof ICR_MAIL_KINDS;
export const ICR_MAIL_KIND_NAMES = Object.keys(ICR_MAIL_KINDS) as TIcrMailKind[];
