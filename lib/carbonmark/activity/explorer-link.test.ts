import { describe, expect, it } from "vitest";
import { explorerTxUrl } from "@/lib/carbonmark/activity/explorer-link";

const hash = `0x${"ab".repeat(32)}`;

describe("transaction links", () => {
  it("link to the configured block explorer's transaction page", () => {
    expect(explorerTxUrl("https://polygonscan.com/", hash)).toBe(`https://polygonscan.com/tx/${hash}`);
  });
  it("are absent with no explorer configured or a malformed hash", () => {
    expect(explorerTxUrl(undefined, hash)).toBeNull();
    expect(explorerTxUrl("https://polygonscan.com", "0x12")).toBeNull();
  });
});
