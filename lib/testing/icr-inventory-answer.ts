import { ZIcrInventorySandboxAnswer } from "@/lib/icr/schemas";

/** A credit held, as a test describes it; the rest of the sandbox's item is filled in. */
type TStandInCredit = {
  id: string;
  tokenId: string;
  tokenAddress: string;
  serialization: string;
  vintage: string;
  amount: number;
  available: number;
  projectName: string;
};

/**
 * GET /organizations/{id}/inventory as the ICR sandbox answers it (a bare list), for ICR stand-ins in
 * tests. Parsed with the sandbox's own answer schema, so a wrong shape fails here, in the test.
 */
export function icrInventoryAnswer(organizationId: string, credits: TStandInCredit[]) {
  return ZIcrInventorySandboxAnswer.parse(
    credits.map((c) => ({
      organizationId,
      id: c.id,
      tokenId: c.tokenId,
      tokenAddress: c.tokenAddress,
      project: {
        id: `project-${c.tokenId}`,
        fullName: c.projectName,
        url: `http://127.0.0.1/projects/project-${c.tokenId}`,
        publicUrl: `http://127.0.0.1/explore/projects/project-${c.tokenId}`,
        num: "354",
      },
      serialization: c.serialization,
      vintage: c.vintage,
      supply: c.amount,
      unit: "tonne",
      amount: c.amount,
      available: c.available,
      reserved: c.amount - c.available,
      type: "exPost",
    })),
  );
}
