-- CreateTable
CREATE TABLE "InsightCount" (
    "month" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "ownerTeam" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "InsightCount_pkey" PRIMARY KEY ("month","requestType","ownerTeam","status")
);

-- CreateTable
CREATE TABLE "CompletionTime" (
    "number" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "days" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "CompletionTime_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "CompletionCount" (
    "month" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "CompletionCount_pkey" PRIMARY KEY ("month")
);

-- CreateIndex
CREATE INDEX "CompletionTime_month_days_idx" ON "CompletionTime"("month", "days");

-- The figures of /insights at 1,000,000 requests took 2.9-3.5 s aggregating every
-- request (issue #20). These tables keep them as the rows change, like RequestCount (the
-- baseline's RequestCount_keep): filled once here, then kept by triggers on every insert,
-- delete and change of the columns they count. The SQLite twin is the migration of the
-- same name; months are "YYYY-MM" in UTC and days are fractional, as the insights' SQL
-- had them (lib/data/insights/date-sql.ts).
--
-- No write may slip between the fill and the triggers: the lock holds writers until the
-- migration commits (each migration runs in its own transaction, scripts/migrate.mjs).
LOCK TABLE "DatasetRequest" IN SHARE ROW EXCLUSIVE MODE;

-- InsightCount: requests per month of creation, type, team and status.
INSERT INTO "InsightCount" ("month", "requestType", "ownerTeam", "status", "n")
SELECT to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM'), "requestType", "ownerTeam", "status", COUNT(*)
FROM "DatasetRequest" GROUP BY 1, 2, 3, 4;

CREATE FUNCTION "InsightCount_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "InsightCount" SET "n" = "n" - 1
    WHERE "month" = to_char(OLD."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM') AND "requestType" = OLD."requestType"
      AND "ownerTeam" = OLD."ownerTeam" AND "status" = OLD."status";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "InsightCount" ("month", "requestType", "ownerTeam", "status", "n")
    VALUES (to_char(NEW."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM'), NEW."requestType", NEW."ownerTeam", NEW."status", 1)
    ON CONFLICT ("month", "requestType", "ownerTeam", "status") DO UPDATE SET "n" = "InsightCount"."n" + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "InsightCount_insert_delete" AFTER INSERT OR DELETE ON "DatasetRequest"
  FOR EACH ROW EXECUTE FUNCTION "InsightCount_keep"();
CREATE TRIGGER "InsightCount_update" AFTER UPDATE OF "createdAt", "requestType", "ownerTeam", "status" ON "DatasetRequest"
  FOR EACH ROW WHEN (OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."requestType" IS DISTINCT FROM NEW."requestType"
    OR OLD."ownerTeam" IS DISTINCT FROM NEW."ownerTeam" OR OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "InsightCount_keep"();

-- CompletionTime: each completed request's month of completion and days from submission
-- to completion, in order within the month.
INSERT INTO "CompletionTime" ("number", "month", "days")
SELECT "number", to_char("completedAt" AT TIME ZONE 'UTC', 'YYYY-MM'), EXTRACT(EPOCH FROM "completedAt" - "createdAt") / 86400
FROM "DatasetRequest" WHERE "status" = 'COMPLETED' AND "completedAt" IS NOT NULL;

CREATE FUNCTION "CompletionTime_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM "CompletionTime" WHERE "number" = OLD."number";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."status" = 'COMPLETED' AND NEW."completedAt" IS NOT NULL THEN
    INSERT INTO "CompletionTime" ("number", "month", "days")
    VALUES (NEW."number", to_char(NEW."completedAt" AT TIME ZONE 'UTC', 'YYYY-MM'), EXTRACT(EPOCH FROM NEW."completedAt" - NEW."createdAt") / 86400);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "CompletionTime_insert" AFTER INSERT ON "DatasetRequest"
  FOR EACH ROW WHEN (NEW."status" = 'COMPLETED') EXECUTE FUNCTION "CompletionTime_keep"();
CREATE TRIGGER "CompletionTime_delete" AFTER DELETE ON "DatasetRequest"
  FOR EACH ROW WHEN (OLD."status" = 'COMPLETED') EXECUTE FUNCTION "CompletionTime_keep"();
CREATE TRIGGER "CompletionTime_update" AFTER UPDATE OF "status", "completedAt", "createdAt" ON "DatasetRequest"
  FOR EACH ROW WHEN (OLD."status" = 'COMPLETED' OR NEW."status" = 'COMPLETED')
  EXECUTE FUNCTION "CompletionTime_keep"();

-- CompletionCount: completed requests per month of completion, kept by CompletionTime's
-- own rows (which are only ever inserted and deleted).
INSERT INTO "CompletionCount" ("month", "n")
SELECT "month", COUNT(*) FROM "CompletionTime" GROUP BY "month";

CREATE FUNCTION "CompletionCount_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "CompletionCount" SET "n" = "n" - 1 WHERE "month" = OLD."month";
  ELSE
    INSERT INTO "CompletionCount" ("month", "n") VALUES (NEW."month", 1)
    ON CONFLICT ("month") DO UPDATE SET "n" = "CompletionCount"."n" + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "CompletionCount_keep" AFTER INSERT OR DELETE ON "CompletionTime"
  FOR EACH ROW EXECUTE FUNCTION "CompletionCount_keep"();
