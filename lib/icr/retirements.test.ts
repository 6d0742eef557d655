import { describe, expect, it } from "vitest";
import { IcrHttpClient } from "@/lib/icr/base-client";
import { IcrApiError } from "@/lib/icr/errors";
import { getRetirementPdf, listRetirements } from "@/lib/icr/retirements";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

describe("ICR retirements client", () => {
  it("refuses a page ICR would refuse, before asking", async () => {
    const client = new IcrHttpClient("http://127.0.0.1:9");
    expect(() => listRetirements({ token: "crs_x", skip: 0, first: 101 }, client)).toThrow(/at most 100/);
    expect(() => listRetirements({ token: "crs_x", skip: -1, first: 10 }, client)).toThrow(/must not be negative/);
  });

  it("parses an unclaimed retirement with only amount and project, and downloads PDFs as bytes", async () => {
    const server = await startLocalServer((req, res) => {
      if (req.url?.startsWith("/retirements/list"))
        return sendJson(res, 200, {
          retirements: [
            {
              createdAt: "2025-07-04T05:25:49.660Z",
              id: "r1",
              isClaimed: false,
              amount: 1000,
              project: { id: "p", fullName: "Project 1", num: 713 },
            },
          ],
        });
      if (req.url === "/retirements/r1/pdf") {
        res.writeHead(200, { "content-type": "application/pdf" });
        res.end("%PDF-1.3 fake");
        return;
      }
      if (req.url === "/retirements/r2/pdf") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html>");
        return;
      }
      sendJson(res, 409, { statusCode: 409, error: "Conflict", message: "This retirement has not been claimed yet" });
    });
    try {
      const client = new IcrHttpClient(server.url, { retryDelayMs: 1 });
      const { retirements } = await listRetirements({ token: "crs_x", skip: 0, first: 10 }, client);
      expect(retirements[0]).toMatchObject({ id: "r1", isClaimed: false, amount: "1000", project: { num: "713" } });
      expect(server.requests.at(-1)!.url).toBe("/retirements/list?skip=0&first=10");
      const pdf = await getRetirementPdf({ token: "crs_x", id: "r1" }, client);
      expect(new TextDecoder().decode(pdf)).toBe("%PDF-1.3 fake");
      await expect(getRetirementPdf({ token: "crs_x", id: "r2" }, client)).rejects.toThrow(/not a PDF/);
      const err = await getRetirementPdf({ token: "crs_x", id: "r3" }, client).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IcrApiError);
      expect((err as IcrApiError).status).toBe(409);
    } finally {
      await server.close();
    }
  });
});
