/** The e-mails Carbonmark sends a user; each can be turned off on Settings → Notifications. */
export const CM_MAIL_KINDS = {
  import_arrived: {
    label: "Credits arrived",
    help: "An import from ICR reached your wallet (or was retired on arrival).",
  },
  import_declined: { label: "Import declined", help: "An ICR admin declined your import request." },
  import_failed: { label: "Import failed", help: "ICR could not complete your import." },
  export_receipt: { label: "Export receipts", help: "Credits you sent back to your ICR organization." },
  retirement_receipt: { label: "Retirement receipts", help: "Credits you retired, with the certificate link." },
} as const;
export type TCmMailKind = keyof typeof CM_MAIL_KINDS;
export const CM_MAIL_KIND_NAMES = Object.keys(CM_MAIL_KINDS) as TCmMailKind[];
