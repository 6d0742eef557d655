import { JsonRpcProvider } from "ethers";
import { describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db";
import { describeOutage } from "@/lib/carbonmark/describe-outage";
import { freePort } from "../stack/ports.ts";

// Real errors from a chain and a database that are not there: what the portfolio API tells people.
describe("describeOutage", () => {
  it("says the chain is not answering, and that nothing was changed, for a chain that is down", async () => {
    const chain = new JsonRpcProvider(`http://127.0.0.1:${await freePort()}`, 31337, { staticNetwork: true });
    const err = await chain.getBlockNumber().then(
      () => undefined,
      (e: unknown) => e,
    );
    chain.destroy();
    expect(describeOutage(err)).toEqual({
      source: "chain",
      message: expect.stringMatching(/chain is not answering.*Nothing was changed/),
    });
  });

  it("says the database is not answering for a database that is down", async () => {
    const db = createPrisma(`postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`);
    const err = await db.cmUser.count().then(
      () => undefined,
      (e: unknown) => e,
    );
    await db.$disconnect();
    expect(describeOutage(err)).toEqual({
      source: "database",
      message: expect.stringMatching(/database is not answering.*Nothing was changed/),
    });
  });

  it("still says nothing was changed for anything else", () => {
    expect(describeOutage(new Error("boom")).message).toMatch(/cannot be loaded right now\. Nothing was changed/);
  });
});
