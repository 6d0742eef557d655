// Dates and times on Carbonmark pages: one place, one locale, UTC so server and browser agree.
// The ICR pages format the same way (lib/registry/web/format.ts): "22 Nov 2026, 06:48 UTC".
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatDateTime = (d: Date | string) => `${DATE_TIME.format(new Date(d))} UTC`;
