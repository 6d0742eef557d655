// Formatting for the ICR pages: one place, one locale, UTC so server and browser agree.
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export const formatDateTime = (d: Date | string) => `${DATE_TIME.format(new Date(d))} UTC`;
export const formatDate = (d: Date | string) => DATE.format(new Date(d));
