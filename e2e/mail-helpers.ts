// Mails read from the embedded mail catcher's JSON API (MAIL_CATCHER_PORT), as the person would open them.
import { expect, type APIRequestContext } from "@playwright/test";
import { E2E_MAIL_URL } from "../playwright.config";

export type TCaughtMail = { subject: string; text: string; html: string; to: string[] };

/** Waits until a mail to `to` that satisfies `match` is in the catcher. */
export async function waitForMail(
  request: APIRequestContext,
  to: string,
  match: (m: TCaughtMail) => boolean,
): Promise<TCaughtMail> {
  let found: TCaughtMail | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`${E2E_MAIL_URL}/api/messages?to=${encodeURIComponent(to)}`);
        found = ((await res.json()) as TCaughtMail[]).find(match);
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
