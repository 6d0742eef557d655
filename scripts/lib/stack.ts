// Brings up everything the app needs: secrets, PostgreSQL, the chain, contracts, migrations and
// demo data. Used by `npm start`, the e2e server and the benchmark.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { compileContracts } from "../../lib/stack/compile-contracts.ts";
import { anvilKey, startAnvil } from "../../lib/stack/chain.ts";
import { migrate } from "../../lib/stack/migrate.ts";
import { isPidAlive, readPid, removePid, writePid } from "../../lib/stack/pidfile.ts";
import { startMailCatcher } from "../../lib/stack/mail-catcher.ts";
import { startEmbeddedPostgres } from "../../lib/stack/postgres.ts";
import { freePort } from "../../lib/stack/ports.ts";
import { DEV_APP_ID, loadOrCreateDevSecrets } from "../../lib/stack/secrets.ts";
import { chainProfile, POLYGON_PROFILE, profileEnv } from "../../lib/stack/chain-profile.ts";
import { startRpcProxy } from "../../lib/stack/rpc-proxy.ts";
import { writeStackEnvFile } from "../../lib/stack/stack-env-file.ts";
import { Supervisor } from "./supervisor.ts";

export type TStackOptions = {
  dataDir: string;
  port: number;
  /** Wipe the data dir first (only for throwaway dirs such as the e2e one). */
  fresh?: boolean;
  pgPort?: number;
  chainPort?: number;
  seed?: boolean;
  log?: (line: string) => void;
  /** A supervised child kept failing: the caller should stop everything and exit non-zero. */
  onGiveUp?: (reason: string) => void;
  /** The supervisor to run PostgreSQL and anvil under (so the caller can stop them even mid-start); one is made if absent. */
  supervisor?: Supervisor;
};

export type TStack = {
  env: Record<string, string>;
  info: {
    dataDir: string;
    databaseUrl: string;
    chainRpcUrl: string;
    embeddedDb: boolean;
    embeddedChain: boolean;
    chainProfile: "instant" | "polygon";
    secretsFile: string;
    secretsCreated: boolean;
    mailInboxUrl?: string;
  };
  /** Restarts PostgreSQL and anvil when they die; add more children with `supervisor.add(...)`. */
  supervisor: Supervisor;
  /** Stops every supervised child (highest layer first), then releases the data dir. */
  stop: () => Promise<void>;
};

export async function startStack(opts: TStackOptions): Promise<TStack> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  if (opts.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const lockFile = path.join(dataDir, "start.pid");
  const holder = readPid(lockFile);
  if (holder && holder !== process.pid && isPidAlive(holder)) {
    throw new Error(
      `Another 'npm start' (pid ${holder}) is using ${dataDir}. Stop it first (Ctrl-C in its terminal, or kill ${holder}).`,
    );
  }
  writePid(lockFile, process.pid);

  const supervisor = opts.supervisor ?? new Supervisor({ log, onGiveUp: opts.onGiveUp ?? ((reason) => log(reason)) });
  // In-process services (the mail catcher) stop after the supervised children.
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    await supervisor.stop().catch((e) => log(`stop failed: ${(e as Error).message}`));
    for (const s of stops.reverse()) await s().catch((e) => log(`stop failed: ${(e as Error).message}`));
    stops.length = 0;
    removePid(lockFile);
  };

  try {
    const { secrets, postgresPassword, file: secretsFile, created: secretsCreated } = loadOrCreateDevSecrets(dataDir);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(secrets)) env[k] = process.env[k] ?? v;

    let databaseUrl = process.env.DATABASE_URL;
    const embeddedDb = !databaseUrl;
    if (!databaseUrl) {
      const pgPort = opts.pgPort ?? Number(process.env.PG_PORT ?? 54329);
      log(`starting PostgreSQL (embedded) on 127.0.0.1:${pgPort}, data in ${path.join(dataDir, "postgres")}`);
      const dir = path.join(dataDir, "postgres");
      const pgServer = await supervisor.add({
        name: "PostgreSQL",
        layer: 0,
        stopTimeoutMs: 8_000,
        start: () => startEmbeddedPostgres({ dir, port: pgPort, database: "carbonmark", password: postgresPassword }),
      });
      databaseUrl = pgServer.url;
    }

    let chainRpcUrl = process.env.CHAIN_RPC_URL;
    const embeddedChain = !chainRpcUrl;
    const profile = chainProfile(process.env);
    if (!chainRpcUrl) {
      const chainPort = opts.chainPort ?? Number(process.env.CHAIN_PORT ?? 8545);
      log(
        `starting the local chain (anvil, ${profile} profile) on 127.0.0.1:${chainPort}, state in ${path.join(dataDir, "chain")}`,
      );
      const stateDir = path.join(dataDir, "chain");
      const anvil = await supervisor.add({
        name: "anvil",
        layer: 1,
        stopTimeoutMs: 3_000,
        start: () => startAnvil({ port: chainPort, stateDir, log, profile }),
      });
      chainRpcUrl = anvil.url;
      if (profile === "polygon") {
        // The app talks to the chain through the proxy, as it would to a public Polygon provider.
        const proxy = await startRpcProxy({
          upstream: anvil.url,
          port: process.env.CHAIN_PROXY_PORT ? Number(process.env.CHAIN_PROXY_PORT) : 0,
          maxLogRange: POLYGON_PROFILE.maxLogRange,
          maxLogResults: POLYGON_PROFILE.maxLogResults,
        });
        stops.push(proxy.close);
        chainRpcUrl = proxy.url;
        log(`polygon profile: RPC proxy ${proxy.url} → anvil ${anvil.url} (2 s blocks, finalized tag)`);
      }
      for (const [k, v] of Object.entries(profileEnv(profile))) env[k] = process.env[k] ?? v;
      env.REGISTRY_OPERATOR_KEY = process.env.REGISTRY_OPERATOR_KEY ?? anvilKey(0);
      env.CARBONMARK_GAS_KEY = process.env.CARBONMARK_GAS_KEY ?? anvilKey(1);
    }

    // With no SMTP_URL, mail goes to an embedded catcher whose inbox is a web page.
    let smtpUrl = process.env.SMTP_URL;
    let mailInboxUrl: string | undefined;
    if (!smtpUrl) {
      // Throwaway stacks (e2e, bench) take free ports unless told, so they never clash with `npm start`.
      const mailPort = async (name: string, fallback: number) =>
        process.env[name] ? Number(process.env[name]) : opts.fresh ? await freePort() : fallback;
      const catcher = await startMailCatcher({
        smtpPort: await mailPort("MAIL_SMTP_PORT", 1025),
        httpPort: await mailPort("MAIL_CATCHER_PORT", 1080),
      });
      stops.push(catcher.stop);
      smtpUrl = catcher.smtpUrl;
      mailInboxUrl = catcher.webUrl;
      log(`mail catcher: SMTP ${smtpUrl}, inbox ${mailInboxUrl}`);
    }

    const appUrl = process.env.APP_URL ?? `http://localhost:${opts.port}`;
    Object.assign(env, {
      DATABASE_URL: databaseUrl,
      CHAIN_RPC_URL: chainRpcUrl,
      APP_URL: appUrl,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? appUrl,
      ICR_API_URL: process.env.ICR_API_URL ?? `${appUrl}/icr/api`,
      ICR_WEB_URL: process.env.ICR_WEB_URL ?? `${appUrl}/icr`,
      ICR_APP_ID: process.env.ICR_APP_ID ?? DEV_APP_ID,
      SMTP_URL: smtpUrl,
    });
    for (const k of [
      "REGISTRY_OPERATOR_KEY",
      "CARBONMARK_GAS_KEY",
      "POLL_INTERVAL_MS",
      "LOG_LEVEL",
      "MAIL_FROM",
      "ICR_MAIL_FROM",
    ]) {
      if (process.env[k] && !env[k]) env[k] = process.env[k]!;
    }
    Object.assign(process.env, env);
    if (opts.fresh) writeStackEnvFile(dataDir, env);

    // Parse config now so a missing or malformed variable stops start-up, naming it.
    const { parseConfig } = await import("../../lib/config.ts");
    parseConfig(process.env);

    compileContracts();
    const applied = await migrate(databaseUrl, log);
    if (!applied.length) log("database schema is up to date");
    await (await import("../../lib/chain/replay-chain-log.ts")).replayChainLog({ reason: "start" }); // the chain holds every logged transaction
    if (opts.seed !== false) {
      const { seedDemo } = await import("../../lib/seed/demo.ts");
      await seedDemo();
      log("demo data in place");
    }
    return {
      env,
      info: {
        dataDir,
        databaseUrl,
        chainRpcUrl,
        embeddedDb,
        embeddedChain,
        chainProfile: profile,
        secretsFile,
        secretsCreated,
        mailInboxUrl,
      },
      supervisor,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
