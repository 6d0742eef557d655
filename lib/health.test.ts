import { expect, it } from "vitest";
import { redactUrls } from "@/lib/health";

it("a URL in an error message keeps its scheme and host only", () => {
  expect(
    redactUrls(
      'request to https://polygon-mainnet.g.alchemy.com/v2/AbCdEf123 failed, "url": "wss://rpc.example/ws?key=s3cret"',
    ),
  ).toBe('request to https://polygon-mainnet.g.alchemy.com failed, "url": "wss://rpc.example"');
  expect(redactUrls("connect to postgresql://carbonmark:pa55@db.internal:5432/carbonmark?sslmode=require")).toBe(
    "connect to postgresql://db.internal:5432",
  );
  expect(redactUrls("Can't reach database server at `127.0.0.1:5432`")).toBe(
    "Can't reach database server at `127.0.0.1:5432`",
  );
});
