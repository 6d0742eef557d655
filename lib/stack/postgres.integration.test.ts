import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./ports.ts";
import { startEmbeddedPostgres, type TEmbeddedPostgres } from "./postgres.ts";

const newPostgresPassword = () => randomBytes(24).toString("hex");

// The embedded cluster's superuser password comes from the data dir's secrets.json; a cluster made
// when every cluster's password was the fixed word "carbonmark" is moved to the recorded one.
const root = mkdtempSync(path.join(tmpdir(), "embedded-pg-"));
chmodSync(root, 0o755); // run as root, PostgreSQL runs as `postgres` and must reach its directory
const running: TEmbeddedPostgres[] = [];
afterAll(async () => {
  for (const s of running) await s.stop();
  rmSync(root, { recursive: true, force: true });
});

async function start(dir: string, password: string) {
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dir: path.join(root, dir), port, database: "app", password });
  running.push(server);
  return { server, port };
}

async function stop(server: TEmbeddedPostgres) {
  await server.stop();
  running.splice(running.indexOf(server), 1);
}

/** What a connection as the superuser with this password gets: "ok" or PostgreSQL's error code. */
async function signIn(port: number, password: string): Promise<string> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "carbonmark", password, database: "app" });
  try {
    await client.connect();
    return "ok";
  } catch (err) {
    return (err as { code?: string }).code ?? (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

describe("embedded PostgreSQL password", () => {
  it("a new cluster takes the generated password and refuses the old fixed one", async () => {
    const password = newPostgresPassword();
    const { server, port } = await start("fresh", password);
    expect(server.url).toBe(`postgresql://carbonmark:${password}@127.0.0.1:${port}/app`);
    expect(await signIn(port, password)).toBe("ok");
    expect(await signIn(port, "carbonmark")).toBe("28P01");
    await stop(server);
  });

  it("a cluster made with the old fixed password keeps its data and is moved to the recorded password on its next start", async () => {
    // As an older `npm start` left it: made with the password "carbonmark", holding data.
    const before = await start("older", "carbonmark");
    const client = new pg.Client({ connectionString: before.server.url });
    await client.connect();
    await client.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await client.end();
    await stop(before.server);

    const password = newPostgresPassword();
    const after = await start("older", password);
    const again = new pg.Client({ connectionString: after.server.url });
    await again.connect();
    expect((await again.query("SELECT v FROM kept")).rows).toEqual([{ v: "still here" }]);
    await again.end();
    expect(await signIn(after.port, "carbonmark")).toBe("28P01");
    await stop(after.server);

    // And the start after that uses the recorded password directly.
    const third = await start("older", password);
    expect(await signIn(third.port, password)).toBe("ok");
    await stop(third.server);
  });

  it("a cluster that refuses both the recorded and the old password is not started, with a message saying what to do", async () => {
    const { server } = await start("other", newPostgresPassword());
    await stop(server);
    await expect(start("other", newPostgresPassword())).rejects.toThrow(
      /refuses the password recorded in secrets\.json \(EMBEDDED_POSTGRES_PASSWORD\)/,
    );
  });
});
