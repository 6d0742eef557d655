import { describe, expect, it } from "vitest";
import { refuseNonLocalUrls } from "@/lib/stack/local-only";

describe("the e2e stack only runs against this machine", () => {
  it("starts with nothing exported, or with loopback URLs", () => {
    expect(() => refuseNonLocalUrls({}, "e2e")).not.toThrow();
    expect(() =>
      refuseNonLocalUrls(
        {
          DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/db",
          CHAIN_RPC_URL: "http://localhost:8545",
          SMTP_URL: "smtp://[::1]:1025",
        },
        "e2e",
      ),
    ).not.toThrow();
  });

  it("refuses an exported DATABASE_URL or CHAIN_RPC_URL of another host, naming each", () => {
    const run = () =>
      refuseNonLocalUrls(
        {
          DATABASE_URL: "postgresql://u:p@db.example.com:5432/prod",
          CHAIN_RPC_URL: "https://polygon-rpc.example/v3/key",
        },
        "e2e",
      );
    expect(run).toThrowError(/DATABASE_URL, CHAIN_RPC_URL/);
    expect(() => refuseNonLocalUrls({ DATABASE_URL: "postgresql://u:p@localhost.evil.com/db" }, "e2e")).toThrowError(
      /DATABASE_URL/,
    );
    expect(() => refuseNonLocalUrls({ CHAIN_RPC_URL: "not a url" }, "e2e")).toThrowError(/CHAIN_RPC_URL/);
  });
});
