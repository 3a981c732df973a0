// kvctl: the KVStore App API for people at a terminal. Human output by default,
// --json for machines; a non-zero exit code with the API's message on every error.
import { createWriteStream, readFileSync, statSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Command, CommanderError, Option } from "commander";
import packageJson from "@/package.json";
import { createRequestBodySchema, listQueryToSearchParams, listRequestsQuerySchema, transitionBodySchema, commentBodySchema, SORT_FIELDS, type RequestDetail, type RequestListResponse } from "@/lib/schemas/request";
import { REQUEST_STATUSES, REQUEST_TYPES, PRIORITIES, parseRequestNumber } from "@/lib/domain/requests/options";
import { zodIssuesToDetails } from "@/lib/api/errors";
import { IMPORT_MAX_BYTES, IMPORT_MODES, type ImportMode, type ImportReport } from "@/lib/schemas/import";
import { EXPORT_FORMATS } from "@/lib/schemas/export";
import type { MeResponse } from "@/lib/schemas/token";
import { configFile, removeConfig, resolveTarget, writeConfig, DEFAULT_URL } from "@/cli/config";
import { CliError, createClient, EXIT, type ApiClient } from "@/cli/client";
import { keyValues, relativeDate, table } from "@/cli/format";

type Io = { out: (text: string) => void; err: (text: string) => void };
const stdio: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

type GlobalOptions = { url?: string; token?: string };

function client(cmd: Command): ApiClient {
  const { url, token } = resolveTarget(cmd.optsWithGlobals<GlobalOptions>());
  return createClient(url, token, packageJson.version);
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

function requestPath(number: string, suffix = ""): string {
  const n = parseRequestNumber(number);
  if (n === null) throw new CliError(`"${number}" is not a request number (use KV-12 or 12).`, EXIT.USAGE);
  return `/api/requests/KV-${n}${suffix}`;
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(",").map((v) => v.trim()).filter(Boolean)];

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

type ViewFlags = { status?: string[]; type?: string; team?: string; assignee?: string; requester?: string; priority?: string; search?: string; sort?: string; order?: string };

function viewQuery(flags: ViewFlags & { page?: string; pageSize?: string }) {
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
  };
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
  const unknown = flags.status?.filter((s) => !(REQUEST_STATUSES as readonly string[]).includes(s.toUpperCase()));
  if (unknown?.length) throw new CliError(`Unknown status ${unknown.join(", ")}; use ${REQUEST_STATUSES.join(", ")}.`, EXIT.USAGE);
  // Checked here with the API's own schema, so a typo fails before any request.
  const parsed = listRequestsQuerySchema.safeParse(raw);
  if (!parsed.success) throw new CliError("Some options are not valid.", EXIT.USAGE, zodIssuesToDetails(parsed.error.issues).map((d) => ({ ...d, path: `--${d.path === "q" ? "search" : d.path === "pageSize" ? "page-size" : d.path}` })));
  return raw;
}

function summaryTable(list: RequestListResponse): string {
  const rows = list.items.map((r) => [r.number, r.datasetName, r.requestType, r.ownerTeam, r.status, r.priority, r.assignee?.name ?? "unassigned", relativeDate(r.updatedAt)]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  // A broad search stops counting early: "more than N requests", and no last page.
  const summary = list.totalIsLowerBound
    ? `more than ${list.total - 1} requests, page ${list.page}`
    : `${list.total} request${list.total === 1 ? "" : "s"}, page ${list.page} of ${pages}`;
  return `${table(["REQUEST", "DATASET", "TYPE", "TEAM", "STATUS", "PRIORITY", "ASSIGNEE", "UPDATED"], rows)}\n\n${summary}`;
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
  return [keyValues(fields), "", "Use case:", `  ${r.useCase.replace(/\n/g, "\n  ")}`, "", "History:", ...history, ...(r.comments.length ? ["", `Comments: ${r.comments.length}`] : [])].join("\n");
}

function importReportText(report: ImportReport): string {
  const problems = report.rows.filter((r) => r.outcome === "invalid" || r.outcome === "duplicate");
  const lines = [
    `${report.total} rows: ${report.valid} valid, ${report.invalid} invalid, ${report.duplicates} duplicates; ${report.imported} imported (mode ${report.mode}).`,
  ];
  if (problems.length) {
    lines.push("", table(["ROW", "DATASET", "RESULT", "PROBLEM"], problems.flatMap((r) => r.errors.map((e, i) => [i === 0 ? r.row : "", i === 0 ? r.datasetName : "", i === 0 ? r.outcome : "", `${e.path ? `${e.path}: ` : ""}${e.message}`]))));
  }
  if (report.mode === "validate" && problems.length === 0) lines.push("", "Every row is valid. Import them with --mode all-or-nothing.");
  return lines.join("\n");
}

export function buildProgram(io: Io = stdio, state: { exitCode: number } = { exitCode: 0 }): Command {
  const program = new Command("kvctl")
    .description("The KVStore App API at a terminal: list, read, create and import dataset requests.")
    .version(packageJson.version)
    .addOption(new Option("--url <url>", `the app's address (default: $KVCTL_URL, the saved one, or ${DEFAULT_URL})`))
    .addOption(new Option("--token <token>", "an API token (default: $KVCTL_TOKEN or the saved one)"))
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      `
Sign in once with a token from <url>/settings/tokens:
  kvctl login --url https://kvstore.example.com --token kvs_...

Exit codes: 0 done; 1 refused by the server or invalid input (the message and field
details are printed); 2 wrong usage; 3 the server cannot be reached.`,
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
      const me = await createClient(url, token, packageJson.version).json<MeResponse>("GET", "/api/me");
      const file = writeConfig({ url, token: token! });
      io.out(`Signed in to ${url} as ${me.name} <${me.email}> (${me.role.toLowerCase()}) with token "${me.token?.name}".\nSaved to ${file} (readable by you only).`);
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
      print(io, opts.json, me, () => `${me.name} <${me.email}>, ${me.role.toLowerCase()}${me.team ? ` in ${me.team}` : ""}, on ${api.url}${me.token ? ` with token "${me.token.name}"` : ""}`);
    });

  addViewOptions(
    program
      .command("list")
      .description("list requests (the queue), filtered and sorted on the server")
      .option("--page <n>", "page number", "1")
      .option("--page-size <n>", "requests per page (at most 100)", "25")
      .option("--json", "print the API's JSON ({ items, total, totalIsLowerBound, page, pageSize })"),
  ).action(async (opts: ViewFlags & { page?: string; pageSize?: string; json?: boolean }, cmd: Command) => {
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
      const path = parseRequestNumber(key) !== null ? requestPath(key) : `/api/datasets/${encodeURIComponent(key)}`;
      const request = await client(cmd).json<RequestDetail>("GET", path);
      print(io, opts.json, request, () => detailText(request));
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

  return program;
}

/** Runs kvctl with process-style argv; resolves to the exit code. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const state = { exitCode: 0 };
  const program = buildProgram(io, state);
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

