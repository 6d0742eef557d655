import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { ZRetireCreditsForm } from "@/lib/registry/web/retire-credits";

// The inventory page's retire form: each text is printed on the certificate, so each is one line of
// visible text, and a refusal is the field's own message (shown under the field).
const form = {
  organizationId: randomUUID(),
  creditId: "exPost-1-0x" + "1".repeat(40),
  quantity: "0.001",
  beneficiaryName: "Acme Ltd",
  idempotencyKey: randomUUID(),
};

it.each([
  ["beneficiaryName", "Acme\nAmount: 1,000,000 tCO₂e (verified)", "The beneficiary", "a line break (U+000A)"],
  ["retirementReason", "Net zero\u2028Amount: 1,000,000 tCO₂e", "The reason", "a line separator (U+2028)"],
  ["retirementComment", "\u202Edeifirev\u202C", "The comment", "an invisible control character (U+202E)"],
])("refuses %s with a forbidden character, with the field's message", (field, value, what, found) => {
  const r = ZRetireCreditsForm.safeParse({ ...form, [field]: value });
  expect(r.success).toBe(false);
  expect(r.error!.issues).toEqual([
    expect.objectContaining({ path: [field], message: `${what} must be one line of visible text: remove ${found}` }),
  ]);
});

it("accepts plain texts in any script", () => {
  expect(
    ZRetireCreditsForm.safeParse({ ...form, beneficiaryName: "Łódź Coöp — شركة", retirementReason: "Net zero 2030" })
      .success,
  ).toBe(true);
});
