// Contracts deployed before version 2 keep working: the version is read from the chain, and a
// contract without `VERSION` gets the three-argument retire.
import { Interface, ZeroHash, Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { carbonCreditVersion, retireCallData } from "@/lib/chain/carbon-credit";
import { operatorWallet } from "@/lib/chain/operator";
import { provider } from "@/lib/chain/provider";
import { orgWithCredits } from "@/lib/testing/registry-api";

/** Init code of a contract whose every call reverts (runtime: PUSH1 0 PUSH1 0 REVERT). */
const REVERTING_CONTRACT = "0x6460006000fd6000526005601bf3";

describe("a project contract's version", () => {
  it("is read from a version-2 contract", async () => {
    const a = await orgWithCredits("version");
    expect(await carbonCreditVersion(a.credit.tokenAddress, provider())).toBe(2);
  });

  it("is 1 for a contract without VERSION and for an address without code", async () => {
    const sent = await operatorWallet().sendTransaction({ data: REVERTING_CONTRACT });
    const address = (await sent.wait())!.contractAddress!;
    expect(await provider().getCode(address)).toBe("0x60006000fd");
    expect(await carbonCreditVersion(address, provider())).toBe(1);
    expect(await carbonCreditVersion(Wallet.createRandom().address, provider())).toBe(1);
  });
});

describe("retire call data", () => {
  const args = { account: Wallet.createRandom().address, tokenId: 7n, units: 10n ** 18n };
  it("has no commitment for version 1 and a zero commitment by default for version 2", () => {
    const v1 = new Interface(["function retire(address,uint256,uint256)"]);
    const v2 = new Interface(["function retire(address,uint256,uint256,bytes32)"]);
    expect(v1.decodeFunctionData("retire", retireCallData(1, args)).toArray()).toEqual([args.account, 7n, 10n ** 18n]);
    expect(v2.decodeFunctionData("retire", retireCallData(2, args))[3]).toBe(ZeroHash);
  });
});
