import { describe, expect, it } from "vitest";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";

describe("what a form shows for an action result", () => {
  it("prefers the server's message, then the first validation message", () => {
    expect(actionErrorMessage({ serverError: "ICR is not answering" })).toBe("ICR is not answering");
    expect(actionErrorMessage({ validationErrors: { quantity: { _errors: ["Use at most 3 decimals"] } } })).toBe(
      "Use at most 3 decimals",
    );
    expect(
      actionErrorMessage({ validationErrors: { retirement: { beneficiaryName: { _errors: ["One line"] } } } }),
    ).toBe("One line");
    expect(actionErrorMessage({ validationErrors: {} })).toBe("Check the form and try again.");
    expect(
      actionFieldErrors({ validationErrors: { _errors: ["x"], pin: { _errors: ["The PIN is exactly 6 digits"] } } }),
    ).toEqual({ pin: "The PIN is exactly 6 digits" });
    expect(actionErrorMessage({})).toBeUndefined();
  });

  it("turns a failed call into 'no answer'", async () => {
    const result = await callAction(() => Promise.reject(new Error("network")));
    expect(result).toBeUndefined();
    expect(actionErrorMessage(result)).toMatch(/No answer from the server/);
  });
});
