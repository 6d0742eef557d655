import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "@/lib/format-date-time";

describe("dates on every page", () => {
  it("show date and time in UTC", () => {
    expect(formatDateTime("2026-11-22T06:48:31.000Z")).toBe("22 Nov 2026, 06:48 UTC");
    expect(formatDate("2026-11-22T23:59:00.000Z")).toBe("22 Nov 2026");
  });
});
