// Texts that become public or go on chain (a retirement's beneficiary, reason and comment) may not
// hold contact details: an e-mail address or a phone-like run of 8 or more digits (spaces, dots,
// dashes, slashes and brackets between them allowed). "Acme 2024 Ltd" is fine. Shared by both sides
// and the browser forms, so a form and its server say the same (docs/proof.md, "Beneficiary privacy").

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/u;
const PHONE_LIKE = /\d(?:[\s./()-]?\d){7,}/u;
/** A span of years ("2019-2020", "2023 / 2024") is not a phone number. */
const YEAR_SPAN = /\b(?:19|20)\d\d\s?[-–/]\s?(?:19|20)\d\d\b/gu;

/** What is wrong with `text` in the field called `what`, if it holds contact details. */
export function contactDetailsProblem(text: string, what: string): string | undefined {
  if (EMAIL.test(text)) return `${what} may not contain an e-mail address: it is published`;
  if (PHONE_LIKE.test(text.replace(YEAR_SPAN, " ")))
    return `${what} may not contain a phone number (8 or more digits in a row): it is published`;
  return undefined;
}

/** For a zod string's `.superRefine(...)`: an issue naming the field. */
export function refineNoContactDetails(what: string) {
  return (text: string, ctx: { addIssue: (issue: { code: "custom"; message: string }) => void }) => {
    const problem = contactDetailsProblem(text, what);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}
