import { describe, expect, it } from "vitest";
import { IN_FLIGHT_STATES, statesBefore } from "@/lib/carbonmark/imports/import-state";

describe("import states", () => {
  it("only moves forward", () => {
    expect(statesBefore("pending_onchain")).toEqual(
      expect.arrayContaining(["requested", "pending_request", "pending_queue"]),
    );
    expect(statesBefore("pending_onchain")).not.toContain("processed");
    expect(statesBefore("pending_queue")).not.toContain("pending_onchain");
    expect(statesBefore("processed")).not.toContain("rejected");
  });

  it("knows which states are still in flight", () => {
    expect(IN_FLIGHT_STATES).toEqual([
      "requested",
      "pending_request",
      "pending_reserved",
      "pending_queue",
      "pending_onchain",
    ]);
  });
});
