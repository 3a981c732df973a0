// The queue's SQL: filter, sort, page and count the requests, written once as a read
// (lib/db/sql/reads.ts) that runs on SQLite's prepared statements or on PostgreSQL.
// What follows is SQLite's side; on PostgreSQL the same statements run without the
// hints (lib/db/sql/dialect.ts), and free text goes through pg_trgm indexes (search.ts). The app runs it on its read connection
// (list-requests.ts); the benchmark's bare-limit server runs the very same function on
// its own connection, so the two differ only in what surrounds the SQL.
//
// How each part stays fast at 1,000,000 rows (measurements in BENCHMARKS.md):
// - Sorting: every sortable column has an index ending with the tie-breaker (number),
//   so a page is a walk along one index. The page's numbers are picked from the index
//   alone and only those 25 rows are read ("deferred join"), so skipping to a deep page
//   reads index entries, not rows.
// - Filters: SQLite would use a filter's index and then sort every match, which is slow
//   when a filter matches many rows (a team, a requester, open statuses). Knowing the
//   count first, the plan is chosen here: walk the sort index and test each row (with
//   "+column", which keeps SQLite off the filter's index) when matches are dense enough
//   to fill the page soon; seek through the filter's index and sort when they are few.
// - Counting: totals for any mix of status, type, priority and assignee are a sum over
//   RequestCount (kept by triggers); other filters count along their index; a free-text
//   search counts in the full-text index, stopping at 1,001 matches (SEARCH_COUNT_LIMIT;
//   the total is then a lower bound, totalIsLowerBound). A broad word ("checkout", one
//   row in six) took 60–90 ms of CPU only to count its 166,000 matches on SQLite, and
//   300–500 ms to count 10,001 of them on PostgreSQL.
// - Free text (3+ characters) is a substring match through the RequestSearch trigram
//   index (FTS5) over dataset name, team and use case, plus the request number. Shorter
//   text cannot use trigrams: it matches the number, or dataset names and teams that
//   start with it.
// - Broad text is a filter like the others: its `scan` form tests each row with LIKE
//   (exact: rowTestFor), so a page walks the sort index and stops when full, instead of
//   building the set of every match. Beside other filters a broad search is not counted
//   at all: the page reads one row more than it shows, and the total is what the page
//   proves (each match counted there is a row read, ~4 µs). Where the matches lie in
//   the numbers (how far the 1,001st is) estimates how many there are, for the plan.
// - Long text (a whole dataset name) is looked up by a rare 5-character piece of it and
//   each candidate row tested for the whole (narrowLongText): the index reads one list of
//   rows per trigram, 34 for a 36-character name.
//
// The SQL is standard apart from the FTS5 MATCH and SQLite's "+column" hint.
export { MIN_SUBSTRING_LENGTH, FOLDS_TO_ASCII, ftsPhrase } from "./list-query/search";
export { SEARCH_COUNT_LIMIT, countView } from "./list-query/count";
export { STATEMENT_CACHE_SIZE, cachedStatementCount } from "@/lib/db/sql/statements";
export { listQuery, runListQuery, isoFromSqlite, shouldWalk } from "./list-query/page";
export { planExport, readExportPage, type ExportCursor } from "./list-query/export";
