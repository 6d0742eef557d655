import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/lib/carbonmark/format-date-time";

describe("Carbonmark dates", () => {
  it("show date and time in UTC the way the ICR pages do", () => {
    expect(formatDateTime("2026-11-22T06:48:31.000Z")).toBe("22 Nov 2026, 06:48 UTC");
  });
});
