import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors } from "@/lib/registry/web/field-errors";

describe("fieldErrors", () => {
  it("keeps the first message of each field", () => {
    const r = z
      .object({ a: z.string().min(3, "too short").email("not an email"), b: z.string() })
      .safeParse({ a: "x", b: 1 });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!)).toEqual({ a: "too short", b: expect.any(String) });
  });
});
