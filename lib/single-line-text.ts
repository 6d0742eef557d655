// Texts people type that are shown or printed as one line (a retirement's beneficiary, reason and
// comment; a name): no control characters (\p{Cc}: line breaks, tabs, …), no invisible format
// characters (\p{Cf}: bidi overrides such as U+202E, zero-width characters, …) and no line or
// paragraph separators (U+2028, U+2029). Such characters let a text forge lines of its own on a
// certificate ("Amount: 1,000,000 tCO₂e") or reorder what a reader sees. Shared by both sides and
// by the browser forms, so a form and its server say the same.

const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

const NAMES: Record<string, string> = {
  "\n": "a line break",
  "\r": "a line break",
  "\t": "a tab",
  "\u2028": "a line separator",
  "\u2029": "a paragraph separator",
};

/** The first character a single-line text may not hold, described ("a line break (U+000A)"), else undefined. */
export function forbiddenCharacterIn(text: string): string | undefined {
  const m = UNSAFE.exec(text);
  if (!m) return undefined;
  const c = m[0];
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return `${NAMES[c] ?? "an invisible control character"} (${code})`;
}

/** What a form or an API says about `text` in the field called `what`, if it holds a forbidden character. */
export function singleLineProblem(text: string, what: string): string | undefined {
  const found = forbiddenCharacterIn(text);
  return found ? `${what} must be one line of visible text: remove ${found}` : undefined;
}

/** For a zod string's `.superRefine(...)`: an issue naming the field and the character found. */
export function refineSingleLine(what: string) {
  return (text: string, ctx: { addIssue: (issue: { code: "custom"; message: string }) => void }) => {
    const problem = singleLineProblem(text, what);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}
