// Free-text search: the full-text (trigram) phrase, the per-row test, short and long text.
// SQLite searches its FTS5 trigram table; PostgreSQL tests the same columns with ILIKE,
// which its pg_trgm GIN indexes answer (containsSearch). Both match a substring within
// one column, ignoring case; tests/data/search-parity.test.ts checks they agree.
import "server-only";
import { parseRequestNumber } from "@/lib/domain/requests/options";
import type { Dialect } from "@/lib/db/sql/dialect";
import { term, type Term } from "./terms";

/** Free text shorter than this cannot use the trigram index. */
export const MIN_SUBSTRING_LENGTH = 3;

/** An FTS5 phrase: the text as one quoted string, so no character is query syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Strings that start with `prefix` are ≥ prefix and < this (UTF-8 byte order = code point order). */
function prefixEnd(prefix: string): string {
  const points = [...prefix];
  const last = points.pop()!.codePointAt(0)!;
  return points.join("") + String.fromCodePoint(Math.min(last + 1, 0x10ffff));
}

/** "ml" → ml, mL, Ml, ML: the cases a short prefix may be stored in. */
function caseVariants(text: string): string[] {
  let out = [""];
  for (const ch of text) {
    const forms = [...new Set([ch.toLowerCase(), ch.toUpperCase()])];
    out = out.flatMap((s) => forms.map((f) => s + f));
  }
  return out;
}

export type Search = {
  /** The text as typed (trimmed). */
  text: string;
  term: Term;
  ftsPhrase: string | null;
  number: number | null;
  /**
   * The text match tested on one row (number, datasetName, ownerTeam, useCase in hand),
   * exactly as the full-text index would answer it, or null when there is no such test
   * (then `term.scan` tests against the set of matches, built once per query).
   */
  rowTest: { sql: string; params: unknown[] } | null;
  /**
   * Where the text's matches come from, in number order: FROM … WHERE over
   * "RequestSearch" (its rowid is the number). The whole phrase in the full-text index,
   * or for long text a few of its characters there, each candidate tested on its row
   * (`narrowLongText`).
   */
  source: { from: string; params: unknown[] } | null;
};

/** LIKE pattern for "contains `text`": its % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `text` within any of `columns`, ignoring case (`dialect.ilike`): PostgreSQL's free text
 * over its pg_trgm GIN indexes, and both databases' short text. The queue and the catalog
 * share it.
 */
export function containsAny(columns: string[], text: string, dialect: Dialect): { sql: string; params: unknown[] } {
  const pattern = containsPattern(text);
  return { sql: `(${columns.map((c) => `${c} ${dialect.ilike} ? ESCAPE '\\'`).join(" OR ")})`, params: columns.map(() => pattern) };
}

/**
 * Characters outside ASCII that the trigram index folds to ASCII letters: the long s
 * (ſ → s) and the Kelvin sign (K → k). tests/data/list-requests.test.ts checks this
 * list against the SQLite in use, every code point.
 */
export const FOLDS_TO_ASCII: Record<string, string> = { s: "\u017f", k: "\u212a" };

/**
 * The text match tested on one row, with exactly the index's answer. The trigram index
 * matches a substring within one column, folding case; for ASCII text LIKE does the same
 * (about 1 µs a row, where asking the index about one rowid costs about 70 µs), except
 * for the two characters above: a row holding one, when the text has its letter, is
 * asked of the index itself. Text outside ASCII has no such test.
 */
function rowTestFor(text: string, phrase: string, number: number | null): { sql: string; params: unknown[] } | null {
  if (!/^[\x00-\x7f]*$/.test(text)) return null;
  const pattern = containsPattern(text);
  const columns = SEARCHED_COLUMNS;
  const odd = Object.entries(FOLDS_TO_ASCII)
    .filter(([letter]) => text.toLowerCase().includes(letter))
    .map(([, ch]) => ch);
  const exotic = odd.length
    ? [
        `OR ((${columns.flatMap((c) => odd.map(() => `instr(${c}, ?)`)).join(" OR ")})
          AND EXISTS (SELECT 1 FROM "RequestSearch" WHERE "RequestSearch" MATCH ? AND "RequestSearch"."rowid" = "DatasetRequest"."number"))`,
      ]
    : [];
  return {
    sql: `(${[...(number !== null ? [`+"DatasetRequest"."number" = ?`] : []), ...columns.map((c) => `${c} LIKE ? ESCAPE '\\'`)].join(
      " OR ",
    )} ${exotic.join("")})`,
    params: [...(number !== null ? [number] : []), ...columns.map(() => pattern), ...(odd.length ? [...columns.flatMap(() => odd), phrase] : [])],
  };
}

/** The columns free text is looked for in (each on its own: a match never spans two). */
const SEARCHED_COLUMNS = ["datasetName", "ownerTeam", "useCase"].map((c) => `"DatasetRequest"."${c}"`);

/**
 * PostgreSQL: the text in any searched column, ignoring case, or the request of that
 * number. The trigram indexes on each column (a BitmapOr of three) find the rows; the
 * same test serves both forms, and there is no set of matches to build first.
 */
function containsSearch(q: string, number: number | null, dialect: Dialect): Search {
  const text = containsAny(SEARCHED_COLUMNS, q, dialect);
  const test = {
    sql: number !== null ? `("DatasetRequest"."number" = ? OR ${text.sql})` : text.sql,
    params: number !== null ? [number, ...text.params] : text.params,
  };
  return { text: q, ftsPhrase: null, number, rowTest: test, source: null, term: { seek: test, scan: test } };
}

export function searchTerm(q: string, dialect: Dialect): Search {
  const number = parseRequestNumber(q);
  if ([...q].length >= MIN_SUBSTRING_LENGTH && dialect.kind === "postgres") return containsSearch(q, number, dialect);
  if ([...q].length >= MIN_SUBSTRING_LENGTH) {
    const phrase = ftsPhrase(q);
    const hasNumber = number !== null;
    const rowTest = rowTestFor(q, phrase, number);
    return {
      text: q,
      ftsPhrase: phrase,
      number,
      rowTest,
      source: { from: `"RequestSearch" WHERE "RequestSearch" MATCH ?`, params: [phrase] },
      term: {
        // Few matches: look them up by number. Many: walk the sort index and test each
        // row, on the row itself when the text allows (rowTest), else against the set
        // of matches, which SQLite builds once per query.
        seek: {
          sql: `"DatasetRequest"."number" IN (SELECT "rowid" FROM "RequestSearch" WHERE "RequestSearch" MATCH ?${hasNumber ? " UNION ALL SELECT ?" : ""})`,
          params: hasNumber ? [phrase, number] : [phrase],
        },
        scan: rowTest ?? {
          sql: `(${hasNumber ? `+"DatasetRequest"."number" = ? OR ` : ""}+"DatasetRequest"."number" IN (SELECT "rowid" FROM "RequestSearch" WHERE "RequestSearch" MATCH ?))`,
          params: hasNumber ? [number, phrase] : [phrase],
        },
      },
    };
  }
  // 1–2 characters: the request number, or names and teams that start with the text.
  // Dataset names are lower case by rule; teams may be in any case.
  const name = q.toLowerCase();
  const teams = caseVariants(q);
  const render = (col: (c: string) => string) =>
    `(${[
      ...(number !== null ? [`${col("number")} = ?`] : []),
      `(${col("datasetName")} >= ? AND ${col("datasetName")} < ?)`,
      ...teams.map(() => `(${col("ownerTeam")} >= ? AND ${col("ownerTeam")} < ?)`),
    ].join(" OR ")})`;
  const params = [...(number !== null ? [number] : []), name, prefixEnd(name), ...teams.flatMap((t) => [t, prefixEnd(t)])];
  return { text: q, ftsPhrase: null, number, rowTest: null, source: null, term: term(dialect, render, params) };
}
