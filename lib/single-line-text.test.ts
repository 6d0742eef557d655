import { describe, expect, it } from "vitest";
import { forbiddenCharacterIn, singleLineProblem } from "@/lib/single-line-text";

describe("single-line text", () => {
  it.each([
    ["a line feed", "Acme\nAmount: 1,000,000 tCO₂e (verified)", "a line break (U+000A)"],
    ["a carriage return", "Acme\rAmount", "a line break (U+000D)"],
    ["a tab", "Acme\tLtd", "a tab (U+0009)"],
    ["a C1 control", "Acme\u0085Ltd", "an invisible control character (U+0085)"],
    ["a right-to-left override", "Acme \u202Edetirer\u202C", "an invisible control character (U+202E)"],
    ["a right-to-left isolate", "\u2067Acme\u2069", "an invisible control character (U+2067)"],
    ["a zero-width space", "Ac\u200Bme", "an invisible control character (U+200B)"],
    ["a byte-order mark", "Acme\uFEFF", "an invisible control character (U+FEFF)"],
    ["a line separator", "Acme\u2028Amount", "a line separator (U+2028)"],
    ["a paragraph separator", "Acme\u2029Amount", "a paragraph separator (U+2029)"],
  ])("refuses %s, naming it", (_what, text, found) => {
    expect(forbiddenCharacterIn(text)).toBe(found);
    expect(singleLineProblem(text, "The reason")).toBe(`The reason must be one line of visible text: remove ${found}`);
  });

  it.each([
    "Łódź Wind Coöp — Αθήνα Ενέργεια",
    "شركة الرياح",
    "株式会社グリーン",
    'O\'Brien & Sons; "Net zero" (2030) 100% — ✓ 🌍',
    "Acme  Ltd",
    "",
  ])("accepts %s", (text) => expect(singleLineProblem(text, "The beneficiary")).toBeUndefined());
});
