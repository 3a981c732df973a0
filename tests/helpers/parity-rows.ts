// One set of requests, events, users and datasets for tests that write the same rows to
// SQLite and PostgreSQL (tests/helpers/two-databases.ts) and compare what each answers:
// varied names, teams and use cases in mixed case, with digits, LIKE's % _ \ and a few
// non-ASCII letters; every status, priority and sort column, ties included.
import { insertRows } from "@/lib/db/sql/insert-rows";
import type { Dialect } from "@/lib/db/sql/dialect";
import type { Read } from "@/lib/db/sql/reads";
import {
  CLOSED_STATUSES,
  DATA_CLASSIFICATIONS,
  KEY_FORMATS,
  PRIORITIES,
  PRIORITY_RANK,
  REGIONS,
  REQUEST_STATUSES,
  STATUS_RANK,
  VALUE_FORMATS,
  type RequestStatus,
} from "@/lib/domain/requests/options";
import { DATASET_METADATA_FIELDS } from "@/lib/domain/datasets/options";
import { REQUEST_STORED_COLUMNS } from "@/lib/data/requests/stored-columns";

export const DAY = 86_400_000;
export const BASE = Date.parse("2026-03-01T00:00:00.000Z");

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return { pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!, int: (max: number) => Math.floor(next() * max), next };
}

const USERS = [
  { id: "u_req_1", name: "Alice Chen", email: "alice@example.com", role: "REQUESTER", team: "payments" },
  { id: "u_req_2", name: "bob lower", email: "bob@example.com", role: "REQUESTER", team: "search" },
  { id: "u_adm_1", name: "Ann Åberg", email: "ann@example.com", role: "ADMIN", team: "storage" },
  { id: "u_adm_2", name: "Zed Zimmer", email: "zed@example.com", role: "ADMIN", team: "storage" },
  { id: "u_adm_3", name: "Éva Élan", email: "eva@example.com", role: "ADMIN", team: "storage" },
  { id: "u_adm_4", name: "carl Case", email: "carl@example.com", role: "ADMIN", team: "storage" },
];
const ASSIGNEES = [null, null, ...USERS.slice(2)];

// Teams and use cases in mixed case, with digits, LIKE's % _ \ and a few non-ASCII letters.
const TEAMS = [
  "payments",
  "Payments-EU",
  "ml_platform",
  "ML-Platform",
  "search%ops",
  "data\\lake",
  "größe-team",
  "team42",
  "CAFÉ-Team",
  "café",
  "Ads_Ranking",
  "x",
];
const NOUNS = [
  "user_profiles",
  "click_events",
  "vectors",
  "features",
  "sessions",
  "geo_tiles",
  "risk_scores",
  "ad_impressions",
  "price_history",
  "item_catalog",
];
const USE_CASES = [
  "Serves 100% of checkout lookups",
  "An under_score in the text, and more",
  "Reads a back\\slash path like C:\\data\\kv",
  "Naïve Bayes features for the ranking service",
  "Straße index for maps",
  "MIXED Case Text from the Mobile API",
  "Feeds the dashboard cache at 5 ms p99",
  "Cache for 2024 Q3 exports, 50%_off campaign",
  "Ünïcode-heavy naming: café, jalapeño, Øre",
  "The ſtrange long s and the \u212Aelvin sign",
  "plain lowercase words only",
  "Fraud checks on the payments path",
];

export type Rows = { requests: Record<string, unknown>[]; events: Record<string, unknown>[]; datasets: Record<string, unknown>[] };

/** A few hundred requests and the datasets their completed NEW requests made. */
export function makeRows(): Rows {
  const r = random(18);
  const requests: Record<string, unknown>[] = [];
  const datasets: Record<string, unknown>[] = [];
  const names = new Map<string, number>();
  for (let number = 1; number <= 360; number++) {
    const noun = r.pick(NOUNS);
    const seen = (names.get(noun) ?? 0) + 1;
    names.set(noun, seen);
    // Some names share a prefix with a number in them; a few are short.
    const datasetName = number % 37 === 0 ? `ab${number % 10}` : seen > 1 ? `${noun}_${seen}` : noun;
    const status: RequestStatus = r.pick(REQUEST_STATUSES);
    const priority = r.pick(PRIORITIES);
    const requester = r.pick(USERS.slice(0, 2));
    const assignee = status === "SUBMITTED" ? null : r.pick(ASSIGNEES);
    // Some rows share a timestamp, so the number breaks ties; some are late in a day (in
    // UTC), so a month bucket in any other time zone would be off at a month's end.
    const createdAt = new Date(BASE + Math.floor(number / 3) * DAY + r.pick([0, 0, 23.5]) * 3_600_000);
    const statusChangedAt = new Date(createdAt.getTime() + r.int(20) * DAY);
    const updatedAt = new Date(statusChangedAt.getTime() + r.int(5) * 60_000);
    const closed = CLOSED_STATUSES.includes(status);
    const metadata = {
      ownerTeam: r.pick(TEAMS),
      contactEmail: "team@example.com",
      useCase: `${r.pick(USE_CASES)} #${number}`,
      keyFormat: r.pick(KEY_FORMATS),
      keyExample: null,
      valueFormat: r.pick(VALUE_FORMATS),
      valueSchema: null,
      ingestion: "BATCH",
      sourceLocation: null,
      updateFrequency: "DAILY",
      estimatedSizeGb: [1.5, 10, 10, 250.25, 4096][r.int(5)]!,
      estimatedKeyCount: BigInt(1 + r.int(5_000_000_000)),
      readQps: r.int(10_000),
      writeQps: r.int(1_000),
      p99LatencyMs: 10,
      ttlDays: null,
      regions: [...new Set([r.pick(REGIONS), r.pick(REGIONS)])].join(","),
      dataClassification: r.pick(DATA_CLASSIFICATIONS),
      backupsEnabled: r.next() < 0.5,
      backupRetentionDays: null,
    };
    const live = !closed && !names.has(`live:${datasetName}`);
    if (live) names.set(`live:${datasetName}`, number);
    requests.push({
      number,
      datasetName,
      liveDatasetName: null,
      openAmendment: null,
      requestType: "NEW",
      sourceSystem: null,
      ...metadata,
      neededBy: null,
      priority,
      priorityRank: PRIORITY_RANK[priority],
      status,
      statusRank: STATUS_RANK[status],
      statusChangedAt,
      requesterId: requester.id,
      assigneeId: assignee?.id ?? null,
      assigneeName: assignee?.name ?? null,
      checklist: "",
      version: 1,
      createdAt,
      updatedAt,
      completedAt: status === "COMPLETED" ? statusChangedAt : null,
    });
    if (status === "COMPLETED" && !datasets.some((d) => d.liveName === datasetName)) {
      const decommissioned = datasets.length % 11 === 10;
      datasets.push({
        id: datasets.length + 1,
        name: datasetName,
        liveName: decommissioned ? null : datasetName,
        status: decommissioned ? "DECOMMISSIONED" : "LIVE",
        originRequestNumber: number,
        requestType: "NEW",
        sourceSystem: null,
        ...metadata,
        createdAt: statusChangedAt,
        updatedAt: new Date(statusChangedAt.getTime() + (datasets.length % 4) * DAY),
      });
    }
  }
  // Open DECOMMISSION requests make a few live datasets DECOMMISSIONING.
  const live = datasets.filter((d) => d.status === "LIVE");
  for (const d of live.filter((_, i) => i % 6 === 0)) {
    const origin = requests[(d.originRequestNumber as number) - 1]!;
    const number = requests.length + 1;
    requests.push({
      ...origin,
      number,
      requestType: "DECOMMISSION",
      status: "SUBMITTED",
      statusRank: STATUS_RANK.SUBMITTED,
      assigneeId: null,
      assigneeName: null,
      openAmendment: `DECOMMISSION:${d.name}`,
      completedAt: null,
    });
  }
  const events = requests.map((q) => ({ requestNumber: q.number, actorId: q.requesterId, kind: "CREATED", toStatus: "SUBMITTED", createdAt: q.createdAt }));
  return { requests, events, datasets };
}

const DATASET_COLUMNS = [
  "id",
  "name",
  "liveName",
  "status",
  "originRequestNumber",
  "requestType",
  "sourceSystem",
  ...DATASET_METADATA_FIELDS,
  "createdAt",
  "updatedAt",
];

export function* writeRows(dialect: Dialect, rows: Rows): Read<void> {
  const now = new Date(BASE);
  const users = USERS.map((u) => ({ ...u, emailVerified: true, active: true, createdAt: now, updatedAt: now }));
  yield* insertRows(dialect, "user", ["id", "name", "email", "emailVerified", "role", "team", "active", "createdAt", "updatedAt"], users);
  yield* insertRows(dialect, "DatasetRequest", REQUEST_STORED_COLUMNS, rows.requests);
  yield* insertRows(dialect, "RequestEvent", ["requestNumber", "actorId", "kind", "toStatus", "createdAt"], rows.events);
  yield* insertRows(dialect, "Dataset", DATASET_COLUMNS, rows.datasets);
}
