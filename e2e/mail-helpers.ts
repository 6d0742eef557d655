// Mails read from the embedded mail catcher's JSON API (MAIL_CATCHER_PORT; see playwright.config.ts).
import { expect, type APIRequestContext } from "@playwright/test";
import { E2E_MAIL_URL } from "../playwright.config";

export type TCaughtMail = { subject: string; text: string; html: string; to: string[] };

/** Every mail to `to` caught so far, newest first (the catcher keeps the newest 500). */
export async function mailsTo(request: APIRequestContext, to: string): Promise<TCaughtMail[]> {
  const res = await request.get(`${E2E_MAIL_URL}/api/messages?to=${encodeURIComponent(to)}`);
  return (await res.json()) as TCaughtMail[];
}

/** Waits until a mail to `to` that satisfies `match` is in the catcher; returns the newest such mail. */
export async function waitForMail(
  request: APIRequestContext,
  to: string,
  match: (m: TCaughtMail) => boolean,
): Promise<TCaughtMail> {
  let found: TCaughtMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailsTo(request, to)).find(match);
        return Boolean(found);
      },
      { timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found!;
}

/** The link a mail's text gives for `label` ("Label: https://…"). */
export function mailLink(mail: TCaughtMail, label: string): string {
  const line = mail.text.split("\n").find((l) => l.startsWith(`${label}: `));
  if (!line) throw new Error(`no "${label}" link in the mail "${mail.subject}"`);
  return line.slice(label.length + 2).trim();
}
