-- The queue sorted by assignee lists unassigned requests first when ascending, last when
-- descending, as SQLite orders NULLs: ORDER BY "assigneeName" ASC NULLS FIRST, "number"
-- (lib/db/sql/dialect.ts, orderNullable). PostgreSQL's b-tree keeps NULLs last unless
-- told otherwise, so Prisma's ("assigneeName", "number") index could serve neither order
-- and every such page sorted the whole table (p95 24 ms at 100,000 requests, where the
-- other sorts took 8-10 ms). Prisma's schema cannot say NULLS FIRST: this index is written
-- by hand (scripts/postgres-migrations.mjs leaves the `_nulls_first` suffix out of its
-- comparison with schema.prisma). Read backwards it serves the descending order too.
CREATE INDEX "DatasetRequest_assigneeName_nulls_first" ON "DatasetRequest" ("assigneeName" ASC NULLS FIRST, "number" ASC);
