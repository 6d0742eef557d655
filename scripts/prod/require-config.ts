// Production entry points read only the environment: no .data/, no generated secrets. A missing or
// malformed variable stops start-up with one message naming each (lib/config.ts).
import { ConfigError, parseConfig, type TConfig } from "../../lib/config.ts";

export function requireConfig(what: string): TConfig {
  try {
    return parseConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(
      `[${what}] cannot start: ${err.message}\n(set these variables; see docs/operations.md, "Production: commands and every variable")`,
    );
    process.exit(1);
  }
}
