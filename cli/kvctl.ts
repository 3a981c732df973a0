// kvctl: the KVStore App API for people at a terminal. Human output by default,
// --json for machines; a non-zero exit code with the API's message on every error.
import { createWriteStream, readFileSync, statSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Command, CommanderError, Option } from "commander";
import { VERSION } from "@/cli/version";
import { listQueryToSearchParams } from "@/lib/schemas/list-params";
import {
  bulkTransitionBodySchema,
  commentBodySchema,
  createRequestBodySchema,
  listPageQuerySchema,
  transitionBodySchema,
  updateRequestBodySchema,
  SORT_FIELDS,
  type BulkTransitionResponse,
  type RequestDetail,
  type RequestListResponse,
} from "@/lib/schemas/request";
import type { UserListResponse } from "@/lib/schemas/user";
import { DATASET_SORT_FIELDS, type DatasetDetail, type DatasetListResponse } from "@/lib/schemas/dataset";
import { DATASET_STATUSES } from "@/lib/domain/datasets/options";
import {
  DATA_CLASSIFICATIONS,
  KEY_FORMATS,
  PRIORITIES,
  REGIONS,
  RELEASED_STATUSES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  VALUE_FORMATS,
  parseRequestNumber,
} from "@/lib/domain/requests/options";
import { zodIssuesToDetails } from "@/lib/api/errors";
import { IMPORT_MAX_BYTES, IMPORT_MODES, type ImportMode, type ImportReport } from "@/lib/schemas/import";
import { EXPORT_FORMATS } from "@/lib/schemas/export";
import type { MeResponse } from "@/lib/schemas/token";
import { configFile, removeConfig, resolveTarget, writeConfig, DEFAULT_URL } from "@/cli/config";
import { CliError, createClient, EXIT, type ApiClient } from "@/cli/client";
import { watch } from "@/cli/watch";
import { keyValues, relativeDate, table } from "@/cli/format";

type Io = { out: (text: string) => void; err: (text: string) => void };
const stdio: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

type GlobalOptions = { url?: string; token?: string };

function client(cmd: Command): ApiClient {
  const { url, token } = resolveTarget(cmd.optsWithGlobals<GlobalOptions>());
  return createClient(url, token, VERSION);
}

function print(io: Io, json: boolean | undefined, data: unknown, human: () => string) {
  io.out(json ? JSON.stringify(data, null, 2) : human());
}

function readFileArg(file: string, what: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.USAGE);
  }
}

/** The newest request for a dataset name that is not rejected or cancelled (else the newest of all). */
async function liveRequestOf(api: ApiClient, name: string): Promise<string> {
  const list = await api.json<RequestListResponse>("GET", `/api/requests?${new URLSearchParams({ q: name, pageSize: "100" })}`);
  const exact = list.items.filter((r) => r.datasetName === name);
  const found = exact.find((r) => !RELEASED_STATUSES.includes(r.status)) ?? exact[0];
  if (!found) throw new CliError(`No request for dataset ${name} was found.`);
  return found.number;
}

function requestPath(number: string, suffix = ""): string {
  const n = parseRequestNumber(number);
  if (n === null) throw new CliError(`"${number}" is not a request number (use KV-12 or 12).`, EXIT.USAGE);
  return `/api/requests/KV-${n}${suffix}`;
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean),
];

/** The queue's filters and sort, shared by list and export. */
function addViewOptions(cmd: Command): Command {
  return cmd
    .option("--status <status>", `filter by status, repeat or comma-separate (${REQUEST_STATUSES.join(", ")})`, collect)
    .option("--type <type>", `request type (${REQUEST_TYPES.join(", ")})`)
    .option("--team <team>", "owner team")
    .option("--assignee <who>", "me, unassigned, or a user id")
    .option("--requester <who>", "me, all, or a user id")
    .option("--priority <priority>", `priority (${PRIORITIES.join(", ")})`)
    .option("-q, --search <text>", "free text over number, dataset name, team and use case")
    .option("--sort <field>", `sort by (${SORT_FIELDS.join(", ")})`)
    .option("--order <order>", "asc or desc");
}

type ViewFlags = {
  status?: string[];
  type?: string;
  team?: string;
  assignee?: string;
  requester?: string;
  priority?: string;
  search?: string;
  sort?: string;
  order?: string;
};

function viewQuery(flags: ViewFlags & { page?: string; pageSize?: string; after?: string }) {
  const raw: Record<string, unknown> = {
    status: flags.status?.map((s) => s.toUpperCase()),
    type: flags.type?.toUpperCase(),
    team: flags.team,
    assignee: flags.assignee,
    requester: flags.requester,
    priority: flags.priority?.toUpperCase(),
    q: flags.search,
    sort: flags.sort,
    order: flags.order,
    page: flags.page,
    pageSize: flags.pageSize,
    after: flags.after,
  };
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
  const unknown = flags.status?.filter((s) => !(REQUEST_STATUSES as readonly string[]).includes(s.toUpperCase()));
  if (unknown?.length) throw new CliError(`Unknown status ${unknown.join(", ")}; use ${REQUEST_STATUSES.join(", ")}.`, EXIT.USAGE);
  // Checked here with the API's own schema, so a typo fails before any request.
  const parsed = listPageQuerySchema.safeParse(raw);
  if (!parsed.success)
    throw new CliError(
      "Some options are not valid.",
      EXIT.USAGE,
      zodIssuesToDetails(parsed.error.issues).map((d) => ({ ...d, path: `--${d.path === "q" ? "search" : d.path === "pageSize" ? "page-size" : d.path}` })),
    );
  return raw;
}

function summaryTable(list: RequestListResponse): string {
  const rows = list.items.map((r) => [
    r.number,
    r.datasetName,
    r.requestType,
    r.ownerTeam,
    r.status,
    r.priority,
    r.assignee?.name ?? "unassigned",
    relativeDate(r.updatedAt),
  ]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  // A broad search stops counting early: "more than N requests", and no last page.
  const summary = list.totalIsLowerBound
    ? `more than ${list.total - 1} requests, page ${list.page}`
    : `${list.total} request${list.total === 1 ? "" : "s"}, page ${list.page} of ${pages}`;
  return `${table(["REQUEST", "DATASET", "TYPE", "TEAM", "STATUS", "PRIORITY", "ASSIGNEE", "UPDATED"], rows)}\n\n${summary}`;
}

function datasetText(d: DatasetDetail): string {
  const facts = keyValues([
    ["Dataset", d.name],
    ["Status", d.status],
    ["From", `${d.originRequest} (${d.requestType}${d.sourceSystem ? ` from ${d.sourceSystem}` : ""})`],
    ["Team", d.ownerTeam],
    ["Contact", d.contactEmail],
    ["On-call", d.onCall],
    ["Key format", d.keyFormat],
    ["Value format", d.valueFormat + (d.valueSchema ? ` (${d.valueSchema})` : "")],
    ["Size", `${d.estimatedSizeGb} GB estimated${d.actualSizeGb === null ? "" : `, ${d.actualSizeGb} GB actual`}`],
    ["Keys", BigInt(d.estimatedKeyCount).toLocaleString("en-US")],
    ["QPS", `${d.readQps} reads, ${d.writeQps} writes${d.peakQps === null ? "" : `; ${d.peakQps} peak measured`}`],
    ["Regions", d.regions.join(", ")],
    ["Classification", d.dataClassification],
    ["Cluster", d.cluster],
    ["Namespace", d.namespace],
    ["Endpoint", d.endpoint],
    ["Runbook", d.runbookUrl],
    ["Dashboard", d.dashboardUrl],
  ]);
  const history = d.history.map(
    (h) => `  ${h.createdAt.slice(0, 10)}  ${h.field}: ${h.oldValue ?? "-"} → ${h.newValue ?? "-"}${h.request ? ` (${h.request})` : ""} by ${h.actor.name}`,
  );
  const requests = d.requests.map((r) => `  ${r.number}  ${r.requestType}  ${r.status}`);
  return `${facts}\n\nRequests:\n${requests.join("\n")}\n\nHistory:\n${history.join("\n")}`;
}

function detailText(r: RequestDetail): string {
  const fields: [string, unknown][] = [
    ["Request", r.number],
    ["Dataset", r.datasetName],
    ["Status", r.status],
    ["Priority", r.priority],
    ["Type", r.requestType + (r.sourceSystem ? ` from ${r.sourceSystem}` : "")],
    ["Team", r.ownerTeam],
    ["Contact", r.contactEmail],
    ["Requester", `${r.requester.name} <${r.requester.email}>`],
    ["Assignee", r.assignee ? `${r.assignee.name} <${r.assignee.email}>` : "unassigned"],
    ["Key format", r.keyFormat + (r.keyExample ? ` (e.g. ${r.keyExample})` : "")],
    ["Value format", r.valueFormat + (r.valueSchema ? ` (${r.valueSchema})` : "")],
    ["Ingestion", r.ingestion + (r.sourceLocation ? ` from ${r.sourceLocation}` : "")],
    ["Updates", r.updateFrequency],
    ["Size", `${r.estimatedSizeGb} GB, ${BigInt(r.estimatedKeyCount).toLocaleString("en-US")} keys`],
    ["Traffic", `${r.readQps} read QPS, ${r.writeQps} write QPS, p99 ${r.p99LatencyMs} ms`],
    ["TTL", r.ttlDays ? `${r.ttlDays} days` : "keep forever"],
    ["Regions", r.regions.join(", ")],
    ["Classification", r.dataClassification],
    ["Backups", r.backupsEnabled ? `on, kept ${r.backupRetentionDays} days` : "off"],
    ["Needed by", r.neededBy],
    ["Created", r.createdAt],
    ["Updated", r.updatedAt],
    ["Version", r.version],
  ];
  const history = r.history.map((e) => `  ${e.createdAt}  ${e.actor.name}: ${e.kind}${e.toStatus ? ` → ${e.toStatus}` : ""}${e.note ? ` (${e.note})` : ""}`);
  return [
    keyValues(fields),
    "",
    "Use case:",
    `  ${r.useCase.replace(/\n/g, "\n  ")}`,
    "",
    "History:",
    ...history,
    ...(r.comments.length ? ["", `Comments: ${r.comments.length}`] : []),
  ].join("\n");
}

function importReportText(report: ImportReport): string {
  const problems = report.rows.filter((r) => r.outcome === "invalid" || r.outcome === "duplicate");
  const lines = [
    `${report.total} rows: ${report.valid} valid, ${report.invalid} invalid, ${report.duplicates} duplicates; ${report.imported} imported (mode ${report.mode}).`,
  ];
  if (problems.length) {
    lines.push(
      "",
      table(
        ["ROW", "DATASET", "RESULT", "PROBLEM"],
        problems.flatMap((r) =>
          r.errors.map((e, i) => [i === 0 ? r.row : "", i === 0 ? r.datasetName : "", i === 0 ? r.outcome : "", `${e.path ? `${e.path}: ` : ""}${e.message}`]),
        ),
      ),
    );
  }
  if (report.mode === "validate" && problems.length === 0) lines.push("", "Every row is valid. Import them with --mode all-or-nothing.");
  return lines.join("\n");
}

/** Reads a JSON file argument ("-" for stdin); a CliError naming the file when it is not JSON. */
function readJsonFile(file: string, what: string): unknown {
  const text = readFileArg(file, what);
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not valid JSON.`);
  }
}

/**
 * PATCH /api/requests/{number} with the version the change is based on: --version when
 * given (a script that read the request earlier), else the one in the changes, else the
 * request as it is now (a change in between still gets a clear 409 STALE_VERSION).
 */
async function patchRequest(api: ApiClient, number: string, changes: Record<string, unknown>): Promise<RequestDetail> {
  const path = requestPath(number);
  const version = typeof changes.version === "number" ? changes.version : (await api.json<RequestDetail>("GET", path)).version;
  return api.json<RequestDetail>("PATCH", path, { json: { ...changes, version }, headers: { "If-Match": `"${version}"` } });
}

/** Checks a PATCH body with the app's update schema; nothing is sent when it fails. */
function checkChanges(changes: Record<string, unknown>, problem: string, exitCode: number): void {
  const parsed = updateRequestBodySchema.safeParse(changes);
  if (!parsed.success) throw new CliError(`${problem}; nothing was sent.`, exitCode, zodIssuesToDetails(parsed.error.issues));
}

const versionFlag = (version: string | undefined) => (version === undefined ? {} : { version: /^\d+$/.test(version) ? Number(version) : version });

/** An assignee as people type it: a user id, an admin's email, "me", or "none". */
async function resolveAssignee(api: ApiClient, who: string): Promise<{ id: string | null; label: string }> {
  const key = who.trim();
  if (/^(none|nobody|unassigned)$/i.test(key)) return { id: null, label: "unassigned" };
  if (key.toLowerCase() === "me") {
    const me = await api.json<MeResponse>("GET", "/api/me");
    return { id: me.id, label: `${me.name} <${me.email}>` };
  }
  if (key.includes("@")) {
    const admins = await api.json<UserListResponse>("GET", "/api/users?role=ADMIN");
    const user = admins.items.find((u) => u.email.toLowerCase() === key.toLowerCase());
    if (!user) throw new CliError(`Nobody on the storage team (the admins) has the email ${key}; requests are assigned to admins.`);
    return { id: user.id, label: `${user.name} <${user.email}>` };
  }
  return { id: key, label: key };
}

/** "Read-write; expires on 2027-03-01 (in 90 days)." for kvctl login. */
function describeToken(token: MeResponse["token"]): string {
  if (!token) return "";
  const access = token.readOnly ? "Read-only (it cannot change anything)" : "Read-write";
  if (!token.expiresAt) return `${access}; never expires.`;
  const days = Math.ceil((Date.parse(token.expiresAt) - Date.now()) / 86_400_000);
  return `${access}; expires on ${token.expiresAt.slice(0, 10)} (in ${days} day${days === 1 ? "" : "s"}).`;
}

type PingProbe = { status: number; ms: number; body: unknown };

async function probe(api: ApiClient, path: string, timeoutMs: number): Promise<PingProbe> {
  const started = performance.now();
  const res = await api.request("GET", path, { auth: false, allowErrors: true, signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
    if (error instanceof Error && error.name === "TimeoutError")
      throw new CliError(`Cannot reach ${api.url} (no answer in ${timeoutMs / 1000} s). Is the server running? Set --url or KVCTL_URL.`, EXIT.UNREACHABLE);
    throw error;
  });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: not our server, or a proxy's page */
  }
  return { status: res.status, ms: Math.round(performance.now() - started), body };
}

function buildProgram(io: Io = stdio, state: { exitCode: number } = { exitCode: 0 }): Command {
  const program = new Command("kvctl")
    .description("The KVStore App API at a terminal: list, read, create, import, triage and watch dataset requests.")
    // Only -V is the program's flag: commander reads a program option anywhere on the line,
    // so a program-wide --version would swallow the --version <n> of transition, assign,
    // priority and edit. main() turns a leading `kvctl --version` into -V.
    .version(VERSION, "-V", "output the version number (also --version, before any command)")
    .addOption(new Option("--url <url>", `the app's address (default: $KVCTL_URL, the saved one, or ${DEFAULT_URL})`))
    .addOption(new Option("--token <token>", "an API token (default: $KVCTL_TOKEN or the saved one)"))
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      `
Sign in once with a token from <url>/settings/tokens:
  kvctl login --url https://kvstore.example.com --token kvs_...

Exit codes: 0 done; 1 refused by the server or invalid input (the message and field
details are printed), or a bulk-transition where any request failed; 2 wrong usage;
3 the server cannot be reached, or (ping) answers but is not ready.`,
    )
    .configureOutput({ writeOut: (t) => io.out(t.trimEnd()), writeErr: (t) => io.err(t.trimEnd()) })
    .exitOverride();

  program
    .command("login")
    .description("check a token (--token, from /settings/tokens) and save it with the URL for later commands")
    .action(async (_opts, cmd: Command) => {
      // --token is the program's own option, so `kvctl login --token x` and `kvctl --token x login` both work.
      const flags = cmd.optsWithGlobals<GlobalOptions>();
      if (!flags.token) throw new CliError("Give the token to save: kvctl login --token <token> (create one at <url>/settings/tokens).", EXIT.USAGE);
      const { url, token } = resolveTarget(flags);
      const me = await createClient(url, token, VERSION).json<MeResponse>("GET", "/api/me");
      const file = writeConfig({ url, token: token! });
      io.out(
        `Signed in to ${url} as ${me.name} <${me.email}> (${me.role.toLowerCase()}) with token "${me.token?.name}".\n${describeToken(me.token)}\nSaved to ${file} (readable by you only).`,
      );
    });

  program
    .command("logout")
    .description("forget the saved token")
    .action(() => {
      io.out(removeConfig() ? `Forgot the token saved in ${configFile()}.` : "No token was saved.");
    });

  program
    .command("whoami")
    .description("show who the API takes you for")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const api = client(cmd);
      const me = await api.json<MeResponse>("GET", "/api/me");
      print(
        io,
        opts.json,
        me,
        () =>
          `${me.name} <${me.email}>, ${me.role.toLowerCase()}${me.team ? ` in ${me.team}` : ""}, on ${api.url}${me.token ? ` with token "${me.token.name}"` : ""}`,
      );
    });

  addViewOptions(
    program
      .command("list")
      .description("list requests (the queue), filtered and sorted on the server")
      .option("--page <n>", "page number", "1")
      .option("--page-size <n>", "requests per page (at most 100)", "25")
      .option(
        "--after <cursor>",
        "start right after the previous page (its nextCursor; give --page as that page's number + 1): as quick deep in the list as on page 1",
      )
      .option("--json", "print the API's JSON ({ items, total, totalIsLowerBound, page, pageSize, nextCursor })"),
  ).action(async (opts: ViewFlags & { page?: string; pageSize?: string; after?: string; json?: boolean }, cmd: Command) => {
    const query = listQueryToSearchParams(viewQuery(opts) as never);
    const list = await client(cmd).json<RequestListResponse>("GET", `/api/requests?${query}`);
    print(io, opts.json, list, () => summaryTable(list));
  });

  program
    .command("get")
    .description("show one request by number (KV-12) or the live request of a dataset name")
    .argument("<number|datasetName>")
    .option("--json", "print JSON")
    .action(async (key: string, opts: { json?: boolean }, cmd: Command) => {
      const api = client(cmd);
      const number = parseRequestNumber(key) !== null ? key : await liveRequestOf(api, key);
      const request = await api.json<RequestDetail>("GET", requestPath(number));
      print(io, opts.json, request, () => detailText(request));
    });

  program
    .command("datasets")
    .description("list datasets (the catalog), filtered and sorted on the server")
    .addOption(new Option("--status <status>", "LIVE, DECOMMISSIONING or DECOMMISSIONED").choices([...DATASET_STATUSES]))
    .option("--team <team>", "owner team")
    .addOption(new Option("--region <region>", "a region").choices([...REGIONS]))
    .addOption(new Option("--classification <class>", "data classification").choices([...DATA_CLASSIFICATIONS]))
    .addOption(new Option("--key-format <format>", "key format").choices([...KEY_FORMATS]))
    .addOption(new Option("--value-format <format>", "value format").choices([...VALUE_FORMATS]))
    .option("-q, --search <words>", "part of the name, team or use case")
    .addOption(new Option("--sort <field>", "sort by").choices([...DATASET_SORT_FIELDS]).default("name"))
    .addOption(new Option("--order <order>", "asc or desc").choices(["asc", "desc"]).default("asc"))
    .option("--page <n>", "page number", "1")
    .option("--page-size <n>", "datasets per page (at most 100)", "25")
    .option("--json", "print the API's JSON ({ items, total, page, pageSize })")
    .action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const params = new URLSearchParams();
      for (const [flag, key] of [
        ["status", "status"],
        ["team", "team"],
        ["region", "region"],
        ["classification", "classification"],
        ["keyFormat", "keyFormat"],
        ["valueFormat", "valueFormat"],
        ["search", "q"],
        ["sort", "sort"],
        ["order", "order"],
        ["page", "page"],
        ["pageSize", "pageSize"],
      ] as const) {
        if (typeof opts[flag] === "string") params.set(key, opts[flag]);
      }
      const list = await client(cmd).json<DatasetListResponse>("GET", `/api/datasets?${params}`);
      print(io, opts.json === true, list, () => {
        const rows = list.items.map((d) => [d.name, d.ownerTeam, d.status, d.regions.join(","), `${d.estimatedSizeGb} GB`, relativeDate(d.updatedAt)]);
        const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
        return `${table(["DATASET", "TEAM", "STATUS", "REGIONS", "SIZE", "CHANGED"], rows)}\n\n${list.total} dataset${list.total === 1 ? "" : "s"}, page ${list.page} of ${pages}`;
      });
    });

  program
    .command("dataset")
    .description("show a dataset: metadata, provisioned facts, links, history and requests")
    .argument("<datasetName>")
    .option("--json", "print JSON")
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      const d = await client(cmd).json<DatasetDetail>("GET", `/api/datasets/${encodeURIComponent(name)}`);
      print(io, opts.json, d, () => datasetText(d));
    });

  program
    .command("create")
    .description("submit a request from a JSON file (checked here first, with the app's own schema)")
    .requiredOption("-f, --file <file>", 'a JSON file holding one request ("-" for stdin)')
    .option("--json", "print the created request as JSON")
    .action(async (opts: { file: string; json?: boolean }, cmd: Command) => {
      let body: unknown;
      try {
        body = JSON.parse(readFileArg(opts.file, "the request file"));
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(`${opts.file} is not valid JSON.`);
      }
      const parsed = createRequestBodySchema.safeParse(body);
      if (!parsed.success) throw new CliError(`${opts.file} is not a valid request; nothing was sent.`, EXIT.REFUSED, zodIssuesToDetails(parsed.error.issues));
      const created = await client(cmd).json<RequestDetail>("POST", "/api/requests", { json: body });
      print(io, opts.json, created, () => `Created ${created.number} for dataset ${created.datasetName} (${created.status}).`);
    });

  program
    .command("import")
    .description("import many requests from a CSV or JSON file, with a report per row")
    .requiredOption("-f, --file <file>", "a .csv (header row of field names) or .json (array of requests) file")
    .addOption(
      new Option("--mode <mode>", "validate: report only; all-or-nothing: every row or none; valid-only: skip rows with problems")
        .choices([...IMPORT_MODES])
        .default("all-or-nothing"),
    )
    .option("--json", "print the report as JSON")
    .action(async (opts: { file: string; mode: ImportMode; json?: boolean }, cmd: Command) => {
      let size: number;
      try {
        size = statSync(opts.file).size;
      } catch (error) {
        throw new CliError(`Cannot read the import file ${opts.file}: ${(error as NodeJS.ErrnoException).code}`, EXIT.USAGE);
      }
      if (size > IMPORT_MAX_BYTES) throw new CliError(`${opts.file} is over ${IMPORT_MAX_BYTES / (1024 * 1024)} MB; split it into smaller files.`);
      const contentType = /\.json$/i.test(opts.file) ? "application/json" : "text/csv";
      const report = await client(cmd).json<ImportReport>("POST", `/api/requests/import?mode=${opts.mode}`, {
        body: readFileArg(opts.file, "the import file"),
        contentType,
      });
      print(io, opts.json, report, () => importReportText(report));
      const problems = report.invalid + report.duplicates;
      // Problems found, or nothing stored: a script must notice.
      if ((opts.mode === "validate" && problems > 0) || (opts.mode !== "validate" && report.imported === 0)) state.exitCode = EXIT.REFUSED;
    });

  addViewOptions(
    program
      .command("export")
      .description("download every request of a view as CSV or JSON (streamed)")
      .addOption(new Option("--format <format>", "file format").choices([...EXPORT_FORMATS]).default("csv"))
      .option("-o, --output <file>", "write to a file instead of stdout"),
  ).action(async (opts: ViewFlags & { format: string; output?: string }, cmd: Command) => {
    const params = listQueryToSearchParams(viewQuery(opts) as never);
    params.delete("page");
    params.delete("pageSize");
    params.set("format", opts.format);
    const res = await client(cmd).request("GET", `/api/requests/export?${params}`);
    const target = opts.output ? createWriteStream(opts.output) : process.stdout;
    await pipeline(Readable.fromWeb(res.body as import("node:stream/web").ReadableStream), target, { end: Boolean(opts.output) });
    if (opts.output) io.err(`Wrote ${opts.output}.`);
  });

  program
    .command("transition")
    .description("move a request to another status")
    .argument("<number>", "KV-12 or 12")
    .argument("<to>", REQUEST_STATUSES.join(", "))
    .option("-n, --note <text>", "why (required for REJECTED and NEEDS_INFO)")
    .option("--version <n>", "the version you read (default: read it now)")
    .option("--json", "print the request as JSON")
    .action(async (number: string, to: string, opts: { note?: string; version?: string; json?: boolean }, cmd: Command) => {
      const body = { to: to.toUpperCase(), ...(opts.note ? { note: opts.note } : {}), ...(opts.version ? { version: Number(opts.version) } : {}) };
      const parsed = transitionBodySchema.safeParse(body);
      if (!parsed.success) throw new CliError("The transition is not valid; nothing was sent.", EXIT.USAGE, zodIssuesToDetails(parsed.error.issues));
      const api = client(cmd);
      // The server wants the version the change is based on; a person at a terminal means
      // "as it is now", so read it first (a change in between still gets a clear 409).
      const version = parsed.data.version ?? (await api.json<RequestDetail>("GET", requestPath(number))).version;
      const request = await api.json<RequestDetail>("POST", requestPath(number, "/transitions"), { json: { ...body, version } });
      print(io, opts.json, request, () => `${request.number} (${request.datasetName}) is now ${request.status}.`);
    });

  program
    .command("comment")
    .description("comment on a request")
    .argument("<number>", "KV-12 or 12")
    .argument("<text>", "the comment")
    .option("--json", "print the comment as JSON")
    .action(async (number: string, text: string, opts: { json?: boolean }, cmd: Command) => {
      const parsed = commentBodySchema.safeParse({ body: text });
      if (!parsed.success) throw new CliError("The comment is not valid; nothing was sent.", EXIT.USAGE, zodIssuesToDetails(parsed.error.issues));
      const path = requestPath(number, "/comments");
      const comment = await client(cmd).json<{ id: number; createdAt: string }>("POST", path, { json: { body: text } });
      print(io, opts.json, comment, () => `Commented on ${path.split("/")[3]} (comment #${comment.id}).`);
    });

  program
    .command("ping")
    .description("check that the server is alive (/api/health) and ready (/api/ready); exit 3 when it is not (no token needed)")
    .option("--timeout <seconds>", "how long to wait for each answer", "10")
    .option("--json", "print JSON")
    .action(async (opts: { timeout: string; json?: boolean }, cmd: Command) => {
      const seconds = Number(opts.timeout);
      if (!(seconds > 0 && seconds <= 600)) throw new CliError("--timeout must be a number of seconds between 0 and 600.", EXIT.USAGE);
      const { url } = resolveTarget(cmd.optsWithGlobals<GlobalOptions>());
      const api = createClient(url, undefined, VERSION);
      let health: PingProbe;
      let ready: PingProbe;
      try {
        health = await probe(api, "/api/health", seconds * 1000);
        ready = await probe(api, "/api/ready", seconds * 1000);
      } catch (error) {
        if (!(error instanceof CliError) || !opts.json) throw error;
        print(io, true, { url, reachable: false, alive: false, ready: false, error: error.message }, () => "");
        state.exitCode = error.exitCode;
        return;
      }
      const alive = health.status === 200;
      const isReady = ready.status === 200;
      const version = (health.body as { version?: unknown } | null)?.version;
      const problem = (ready.body as { error?: { message?: string } } | null)?.error?.message;
      const result = { url, reachable: true, alive, ready: isReady, health, readiness: ready };
      print(io, opts.json, result, () => {
        const timing = `health ${health.status} in ${health.ms} ms, ready ${ready.status} in ${ready.ms} ms`;
        const about = typeof version === "string" ? `, version ${version}` : "";
        if (alive && isReady) return `${url} is alive and ready (${timing}${about}).`;
        return `${url} answers but is not ready (${timing}${about})${problem ? `: ${problem}` : "."}`;
      });
      if (!(alive && isReady)) state.exitCode = EXIT.UNREACHABLE;
    });

  program
    .command("watch")
    .description("follow changes to requests as they happen (the live event stream), reconnecting after a drop; Ctrl-C stops")
    .option("--count <n>", "stop after n changes")
    .option("--json", "print one JSON object a line")
    .action(async (opts: { count?: string; json?: boolean }, cmd: Command) => {
      const count = opts.count === undefined ? undefined : Number(opts.count);
      if (count !== undefined && !(Number.isInteger(count) && count > 0)) throw new CliError("--count must be a whole number above 0.", EXIT.USAGE);
      const api = client(cmd);
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      try {
        state.exitCode = await watch(api, io, { json: opts.json, count, signal: stop.signal });
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
      if (stop.signal.aborted) io.err("Stopped.");
    });

  program
    .command("assign")
    .description("assign a request to someone on the storage team (admins)")
    .argument("<number>", "KV-12 or 12")
    .argument("<who>", "a user id, an admin's email, me, or none (to unassign)")
    .option("--version <n>", "the version you read (default: read it now)")
    .option("--json", "print the request as JSON")
    .action(async (number: string, who: string, opts: { version?: string; json?: boolean }, cmd: Command) => {
      requestPath(number);
      const api = client(cmd);
      const assignee = await resolveAssignee(api, who);
      const changes = { assigneeId: assignee.id, ...versionFlag(opts.version) };
      checkChanges(changes, "The assignment is not valid", EXIT.USAGE);
      const request = await patchRequest(api, number, changes);
      const now = request.assignee ? `assigned to ${request.assignee.name} <${request.assignee.email}>` : "unassigned";
      print(io, opts.json, request, () => `${request.number} (${request.datasetName}) is now ${now}.`);
    });

  program
    .command("priority")
    .description("set a request's priority (admins)")
    .argument("<number>", "KV-12 or 12")
    .argument("<priority>", PRIORITIES.join(", "))
    .option("--version <n>", "the version you read (default: read it now)")
    .option("--json", "print the request as JSON")
    .action(async (number: string, priority: string, opts: { version?: string; json?: boolean }, cmd: Command) => {
      requestPath(number);
      const changes = { priority: priority.toUpperCase(), ...versionFlag(opts.version) };
      checkChanges(changes, "The priority is not valid", EXIT.USAGE);
      const request = await patchRequest(client(cmd), number, changes);
      print(io, opts.json, request, () => `${request.number} (${request.datasetName}) now has priority ${request.priority}.`);
    });

  program
    .command("edit")
    .description("change fields of a request from a JSON file of the fields to change (checked here first, with the app's update schema)")
    .argument("<number>", "KV-12 or 12")
    .requiredOption("-f, --file <file>", 'a JSON object of the fields to change, e.g. {"readQps": 5000} ("-" for stdin)')
    .option("--version <n>", 'the version you read (default: the file\'s "version", else read it now)')
    .option("--json", "print the request as JSON")
    .action(async (number: string, opts: { file: string; version?: string; json?: boolean }, cmd: Command) => {
      requestPath(number);
      const body = readJsonFile(opts.file, "the changes file");
      if (typeof body !== "object" || body === null || Array.isArray(body))
        throw new CliError(`${opts.file} must hold one JSON object of the fields to change.`);
      const changes = { ...(body as Record<string, unknown>), ...versionFlag(opts.version) };
      checkChanges(changes, `${opts.file} is not a valid change`, EXIT.REFUSED);
      const fields = Object.keys(changes).filter((k) => k !== "version");
      if (fields.length === 0) throw new CliError(`${opts.file} changes nothing; name the fields to change.`, EXIT.USAGE);
      const request = await patchRequest(client(cmd), number, changes);
      print(
        io,
        opts.json,
        request,
        () => `Updated ${request.number} (${request.datasetName}): ${fields.join(", ")}. Now at version ${request.version}, ${request.status}.`,
      );
    });

  program
    .command("bulk-transition")
    .description("move several requests to one status at once (admins); a result per request, exit 1 when any failed")
    .argument("<numbers...>", "KV-1 KV-2 … (at most 100)")
    .requiredOption("--to <status>", REQUEST_STATUSES.join(", "))
    .option("-n, --note <text>", "why (required for REJECTED and NEEDS_INFO)")
    .option("--json", "print the API's JSON ({ results })")
    .action(async (numbers: string[], opts: { to: string; note?: string; json?: boolean }, cmd: Command) => {
      const body = {
        numbers: numbers.map((n) => (parseRequestNumber(n) === null ? n : `KV-${parseRequestNumber(n)}`)),
        to: opts.to.toUpperCase(),
        ...(opts.note ? { note: opts.note } : {}),
      };
      const parsed = bulkTransitionBodySchema.safeParse(body);
      if (!parsed.success) throw new CliError("The bulk transition is not valid; nothing was sent.", EXIT.USAGE, zodIssuesToDetails(parsed.error.issues));
      const response = await client(cmd).json<BulkTransitionResponse>("POST", "/api/requests/bulk-transitions", { json: body });
      const failed = response.results.filter((r) => !r.ok).length;
      print(io, opts.json, response, () => {
        // Not table(): it shortens cells, and the server's reason is the point of a failure.
        const width = Math.max(7, ...response.results.map((r) => r.number.length));
        const lines = response.results.map(
          (r) => `${r.number.padEnd(width)}  ${r.ok ? `ok      now ${r.status}` : `failed  ${r.error.message} (${r.error.code})`}`,
        );
        return [...lines, "", `${response.results.length - failed} moved to ${body.to}, ${failed} failed.`].join("\n");
      });
      if (failed > 0) state.exitCode = EXIT.REFUSED;
    });

  return program;
}

/** Runs kvctl with process-style argv; resolves to the exit code. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const state = { exitCode: 0 };
  const program = buildProgram(io, state);
  if (argv[2] === "--version") argv = [...argv.slice(0, 2), "-V", ...argv.slice(3)];
  try {
    await program.parseAsync(argv);
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return error.exitCode === 0 ? 0 : EXIT.USAGE;
    }
    if (error instanceof CliError) {
      const where = error.status ? ` (HTTP ${error.status}${error.code ? ` ${error.code}` : ""})` : "";
      io.err(`kvctl: ${where ? error.message.replace(/\.$/, "") : error.message}${where}`);
      for (const d of error.details) io.err(`  ${d.path || "(file)"}: ${d.message}`);
      return error.exitCode;
    }
    io.err(`kvctl: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.REFUSED;
  }
}
