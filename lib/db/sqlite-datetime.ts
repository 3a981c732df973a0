// How Prisma's SQLite adapter stores a DateTime: ISO 8601 text with "+00:00" for "Z".
// Whatever writes or compares dates beside Prisma (the direct connections, raw SQL,
// the seed) must use the same text, or Prisma would not read them back and text
// comparisons would be off. No "server-only": the seed uses it too.

/** A Date as Prisma's SQLite adapter writes it: "2026-01-02T03:04:05.678+00:00". */
export const sqliteDateTime = (d: Date) => d.toISOString().replace("Z", "+00:00");
