import { describe, expect, it } from "vitest";
import { contactDetailsProblem } from "@/lib/contact-details-text";

describe("contactDetailsProblem", () => {
  it.each(["Acme 2024 Ltd", "Vintage 2019-2020", "Order 1234567", "Climate pledge"])("accepts %s", (s) => {
    expect(contactDetailsProblem(s, "The name")).toBeUndefined();
  });

  it.each(["jane@example.com", "Jane (jane.doe@acme.co.uk)"])("refuses the e-mail address in %s", (s) => {
    expect(contactDetailsProblem(s, "The name")).toBe("The name may not contain an e-mail address: it is published");
  });

  it.each(["Call 06 12 34 56 78", "+44 (20) 7946-0958", "12345678"])("refuses the phone number in %s", (s) => {
    expect(contactDetailsProblem(s, "The comment")).toMatch(/^The comment may not contain a phone number/);
  });
});
