// Where kvctl keeps its sign-in: one server URL and its token, in a file only the user
// can read (0600, in a 0700 folder). Flags and environment variables win over the file.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const DEFAULT_URL = "http://localhost:3000";

type SavedConfig = { url?: string; token?: string };

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KVCTL_CONFIG_DIR) return env.KVCTL_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || (process.platform === "win32" && env.APPDATA) || path.join(os.homedir(), ".config");
  return path.join(base, "kvctl");
}

export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), "config.json");
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): SavedConfig {
  const file = configFile(env);
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as SavedConfig;
    return { url: typeof data.url === "string" ? data.url : undefined, token: typeof data.token === "string" ? data.token : undefined };
  } catch {
    return {};
  }
}

export function writeConfig(config: SavedConfig, env: NodeJS.ProcessEnv = process.env): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = configFile(env);
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync keeps the mode of a file that already existed: set it either way.
  chmodSync(file, 0o600);
  return file;
}

export function removeConfig(env: NodeJS.ProcessEnv = process.env): boolean {
  const file = configFile(env);
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}

/** URLs compare without a trailing slash. */
function normalizeUrl(url: string): string {
  return url.replace(/\/+$/, "");
}

/**
 * The server and token to use. A saved token is only sent to the server it was saved
 * for, so `--url` pointing elsewhere never leaks it.
 */
export function resolveTarget(flags: { url?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): { url: string; token: string | undefined } {
  const saved = readConfig(env);
  // An empty variable counts as unset.
  const url = normalizeUrl(flags.url || env.KVCTL_URL || saved.url || DEFAULT_URL);
  const savedToken = saved.token && normalizeUrl(saved.url || DEFAULT_URL) === url ? saved.token : undefined;
  return { url, token: flags.token || env.KVCTL_TOKEN || savedToken };
}
