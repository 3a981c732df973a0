// The suites that `npm run test:unit:postgres` runs (TEST_DATABASE=postgres): each on a
// fresh PostgreSQL database from the migrated template (tests/setup/test-database.ts).
// Add a suite here once it passes on PostgreSQL. Suites named *.pg.test.ts test
// PostgreSQL only and run nowhere else.
export const POSTGRES_SUITES = [
  "tests/data/catalog-reads.test.ts",
  "tests/data/postgres-schema.test.ts",
  "tests/data/postgres-storage.pg.test.ts",
  "tests/data/postgres-availability.pg.test.ts",
];
