// When two dataset names probably mean the same dataset, and when two source locations
// are the same place. Pure rules; lib/data/requests/find-similar-requests.ts turns them
// into indexed lookups. Client-safe.

/** Suffixes that mark another copy of the same dataset rather than another dataset. */
const COPY_SUFFIX = /(?:_(?:v\d+|\d+|x+|new|old|copy|tmp|temp|test|bak|backup|dev|staging|prod))+$/;

/** A name as typed → the form names take: lowercase, separators as "_", nothing else. */
export function normalizeDatasetName(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, "_")
    .replace(/[^a-z0-9_]/g, "")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
}

/** The name without copy suffixes: "payments_profiles_v2" → "payments_profiles". */
export function nameStem(name: string): string {
  const stem = name.replace(COPY_SUFFIX, "");
  return stem.length >= 3 ? stem : name;
}

/**
 * Prefixes to look up for a typed name, longest first: the name as typed, then its stem,
 * then the stem less one "_token" at a time down to its first two tokens (one for a
 * one-token name). Each is a range scan on the name index, which finds names that start
 * with it.
 */
export function namePrefixes(name: string): string[] {
  const tokens = nameStem(name).split("_").filter(Boolean);
  const prefixes = new Set<string>([name]);
  for (let n = tokens.length; n >= Math.min(2, tokens.length); n--) prefixes.add(tokens.slice(0, n).join("_"));
  return [...prefixes].filter((p) => p.length >= 3);
}

/**
 * How alike two names are, 0–1: the larger of the shared leading characters (Dice over
 * characters) and the shared tokens (Dice over "_" tokens), on their stems.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = nameStem(a);
  const y = nameStem(b);
  if (x === y) return 1;
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  const prefixScore = (2 * common) / (x.length + y.length);
  const tx = new Set(x.split("_"));
  const ty = new Set(y.split("_"));
  const shared = [...tx].filter((t) => ty.has(t)).length;
  const tokenScore = (2 * shared) / (tx.size + ty.size);
  return Math.max(prefixScore, tokenScore);
}

/** Names at least this alike are shown as possible duplicates. */
export const SIMILAR_NAME_THRESHOLD = 0.75;

/**
 * How alike an existing name is to one being typed: as nameSimilarity, except that a
 * name that continues what has been typed so far (two tokens or more: "payments_us" →
 * "payments_user_profiles") counts as similar, so matches show while typing.
 */
export function typedNameSimilarity(typed: string, existing: string): number {
  const score = nameSimilarity(typed, existing);
  const continues = typed.includes("_") && existing.startsWith(typed);
  return continues ? Math.max(score, SIMILAR_NAME_THRESHOLD) : score;
}

/**
 * The spellings of a source location that mean the same place, for an indexed IN (...)
 * lookup: as typed and lowercased, each with and without a trailing slash.
 */
export function sourceLocationVariants(raw: string): string[] {
  const base = raw.trim().replace(/\/+$/, "");
  if (base.length < 3) return [];
  const forms = new Set<string>();
  for (const s of [base, base.toLowerCase()]) {
    forms.add(s);
    forms.add(`${s}/`);
  }
  return [...forms];
}
