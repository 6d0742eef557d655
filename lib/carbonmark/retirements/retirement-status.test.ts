import { describe, expect, it } from "vitest";
import type { TCmRetirementVerdict } from "@/lib/carbonmark/retirements/retirement-verdict";
import type { TRetirementOnChain } from "@/lib/proof/retirement-on-chain";
import {
  RETIREMENT_STAGES,
  retirementPageStage,
  retirementStage,
} from "@/lib/carbonmark/retirements/retirement-status";

const onChain = (final: boolean): TRetirementOnChain => ({
  found: true,
  txHash: "0xabc",
  blockNumber: 10,
  blockHash: "0xdef",
  final,
  contract: "0x0000000000000000000000000000000000000001",
  logIndex: 0,
  account: "0x0000000000000000000000000000000000000002",
  operator: "0x0000000000000000000000000000000000000002",
  tokenId: "1",
  units: 10n ** 18n,
  commitment: null,
});
const checked = (chain: TRetirementOnChain): TCmRetirementVerdict => ({
  status: "checked",
  chain,
  verdict: { verdict: "pending", waitingFor: [], notes: [] },
});

// ICR renders and signs the certificate only once the burn is final on chain: Carbonmark's
// retirement page does not say "certificate ready" before.
describe("the stage Carbonmark's retirement page shows", () => {
  it("a retirement ICR has claimed whose burn is not final yet is confirming, not ready", () => {
    const stage = retirementPageStage("certified", checked(onChain(false)));
    expect(stage).toBe("confirming");
    expect(RETIREMENT_STAGES[stage].label).toBe("Retired, confirming on chain");
  });

  it("a burn the chain does not hold (a reorg took it away) is not ready either", () => {
    expect(
      retirementPageStage("certified", {
        status: "checked",
        chain: { found: false, why: "no_receipt" },
        verdict: { verdict: "mismatch", fields: [] },
      }),
    ).toBe("confirming");
  });

  it("once the burn is final the certificate is ready; the other stages and an unreadable chain keep the row's stage", () => {
    expect(retirementPageStage("certified", checked(onChain(true)))).toBe("certified");
    expect(RETIREMENT_STAGES.certified.label).toBe("Retired, certificate ready");
    expect(retirementPageStage("certified", { status: "unreadable", unreadable: "chain" })).toBe("certified");
    expect(retirementPageStage("awaiting_certificate", checked(onChain(false)))).toBe("awaiting_certificate");
    expect(retirementPageStage("retiring", { status: "not_sent" })).toBe("retiring");
  });

  it("a claimed retirement the announcing job has not yet marked final is ready once the page reads it final", () => {
    expect(retirementPageStage("confirming", checked(onChain(true)))).toBe("certified");
    expect(retirementPageStage("confirming", { status: "unreadable", unreadable: "chain" })).toBe("confirming");
  });
});

// Lists and the API read no chain: the row says whether Carbonmark has seen the burn final (finalAt).
describe("the stage of a retirement row", () => {
  const row = { status: "confirmed" as const, icrRetirementId: "r-1", finalAt: null as Date | null };
  it("is certified only once ICR has it and its burn was seen final", () => {
    expect(retirementStage({ ...row, icrRetirementId: null })).toBe("awaiting_certificate");
    expect(retirementStage(row)).toBe("confirming");
    expect(retirementStage({ ...row, finalAt: new Date() })).toBe("certified");
    expect(retirementStage({ ...row, status: "sent" })).toBe("retiring");
    expect(retirementStage({ ...row, status: "failed" })).toBe("failed");
  });
});
