import { describe, expect, it } from "vitest";
import { actionErrorMessage } from "@/lib/registry/web/action-error-message";

describe("actionErrorMessage", () => {
  it("prefers the server's message, then the first validation message", () => {
    expect(actionErrorMessage(undefined)).toBeUndefined();
    expect(actionErrorMessage({})).toBeUndefined();
    expect(actionErrorMessage({ serverError: "Only an admin can accept." })).toBe("Only an admin can accept.");
    expect(
      actionErrorMessage({ validationErrors: { _errors: [], quantity: { _errors: ["At most 3 decimals"] } } }),
    ).toBe("At most 3 decimals");
    expect(actionErrorMessage({ validationErrors: {} })).toBe("Check the form and try again.");
    expect(actionErrorMessage({}, true)).toBe("Something went wrong; please try again.");
  });
});
