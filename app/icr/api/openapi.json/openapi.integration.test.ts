import { describe, expect, it } from "vitest";
import { GET } from "@/app/icr/api/openapi.json/route";

describe("OpenAPI document", () => {
  it("describes every endpoint with its parameters and bodies", async () => {
    const doc = await GET().json();
    expect(doc.openapi).toBe("3.0.3");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/organizations/{id}/inventory",
        "/organizations/{id}/inventory/action/{action}",
        "/retirements/finalize",
        "/retirements/list",
      ]),
    );
    const action = doc.paths["/organizations/{id}/inventory/action/{action}"].post;
    expect(JSON.stringify(action.requestBody)).toContain("#/components/schemas/InventoryActionBody");
    expect(Object.keys(doc.components.schemas.InventoryActionBody.properties)).toEqual(
      expect.arrayContaining(["creditId", "amount", "toOrganizationId", "toAddress", "retirementData", "onBehalfOf"]),
    );
    expect(action.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["id", "action", "x-icr-api-version"]),
    );
    expect(doc.paths["/retirements/list"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["skip", "first"]),
    );
  });
});
