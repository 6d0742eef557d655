// Dates and times on every page (Carbonmark and the ICR sandbox): one place, one locale, UTC so
// server and browser agree. "22 Nov 2026, 06:48 UTC".
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export const formatDateTime = (d: Date | string) => `${DATE_TIME.format(new Date(d))} UTC`;
export const formatDate = (d: Date | string) => DATE.format(new Date(d));
