// kvctl's saved sign-in: private file permissions, and a token only for its own server.
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { configFile, readConfig, removeConfig, resolveTarget, writeConfig } from "@/cli/config";
import { table } from "@/cli/format";

const envWith = (extra: Record<string, string> = {}) =>
  ({ KVCTL_CONFIG_DIR: path.join(mkdtempSync(path.join(os.tmpdir(), "kvctl-")), "kvctl"), ...extra }) as unknown as NodeJS.ProcessEnv;

describe("kvctl config", () => {
  it("writes the token to a file only its owner can read, in a private folder", () => {
    const env = envWith();
    const file = writeConfig({ url: "http://kv.example", token: "kvs_secret" }, env);
    expect(file).toBe(configFile(env));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readConfig(env)).toEqual({ url: "http://kv.example", token: "kvs_secret" });
  });

  it("tightens the permissions of a file that was readable by others", () => {
    const env = envWith();
    const file = writeConfig({ token: "a" }, env);
    writeFileSync(file, "{}", { mode: 0o644 });
    chmodSync(file, 0o644);
    writeConfig({ token: "b" }, env);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ token: "b" });
  });

  it("prefers flags, then the environment, then the saved file", () => {
    const env = envWith({ KVCTL_URL: "http://env.example/" });
    writeConfig({ url: "http://env.example", token: "saved" }, env);
    expect(resolveTarget({}, env)).toEqual({ url: "http://env.example", token: "saved" });
    expect(resolveTarget({ token: "flag" }, { ...env, KVCTL_TOKEN: "envtoken" })).toEqual({ url: "http://env.example", token: "flag" });
    expect(resolveTarget({}, { ...env, KVCTL_TOKEN: "envtoken" }).token).toBe("envtoken");
  });

  it("never sends a saved token to another server", () => {
    const env = envWith();
    writeConfig({ url: "http://kv.example", token: "saved" }, env);
    expect(resolveTarget({ url: "http://elsewhere.example" }, env)).toEqual({ url: "http://elsewhere.example", token: undefined });
    expect(resolveTarget({ url: "http://kv.example/" }, env).token).toBe("saved");
  });

  it("logout removes the file", () => {
    const env = envWith();
    writeConfig({ token: "x" }, env);
    expect(removeConfig(env)).toBe(true);
    expect(removeConfig(env)).toBe(false);
    expect(readConfig(env)).toEqual({});
  });
});

describe("kvctl tables", () => {
  it("aligns columns and shortens long cells", () => {
    const text = table(
      ["A", "LONGER"],
      [
        ["x", "y".repeat(60)],
        [null, 2],
      ],
    );
    const lines = text.split("\n");
    expect(lines[0]).toBe("A  LONGER");
    expect(lines[2]).toBe(`x  ${"y".repeat(39)}…`);
    expect(lines[3]).toBe("-  2");
  });
});
