// Which database a DATABASE_URL names: the one place that reads the scheme. SQLite is the
// embedded default ("file:…"); PostgreSQL ("postgresql://…" or "postgres://…") serves
// several instances. No "server-only": scripts and the seed import it too.
export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), not ${url.split(":")[0]}:`);
}
