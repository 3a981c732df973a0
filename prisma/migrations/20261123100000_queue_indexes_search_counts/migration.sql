-- The queue at 1,000,000 requests (issue #6). Part 1 is derived from schema.prisma with
--   prisma migrate diff --from-schema-datamodel <schema before> --to-schema-datamodel prisma/schema.prisma --script
-- Part 2 is hand-written: what Prisma's schema cannot express (triggers, FTS5).

-- ---- Part 1: schema.prisma ---------------------------------------------------
-- DropIndex
DROP INDEX "DatasetRequest_datasetName_idx";

-- DropIndex
DROP INDEX "DatasetRequest_requesterId_createdAt_idx";

-- DropIndex
DROP INDEX "DatasetRequest_status_updatedAt_idx";

-- DropIndex
DROP INDEX "DatasetRequest_createdAt_idx";

-- DropIndex
DROP INDEX "DatasetRequest_updatedAt_idx";

-- AlterTable
ALTER TABLE "DatasetRequest" ADD COLUMN "assigneeName" TEXT;

-- CreateTable
CREATE TABLE "RequestCount" (
    "status" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "assigneeId" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    PRIMARY KEY ("status", "requestType", "priority", "assigneeId")
);

-- CreateIndex
CREATE INDEX "DatasetRequest_datasetName_number_idx" ON "DatasetRequest"("datasetName", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_requestType_number_idx" ON "DatasetRequest"("requestType", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_ownerTeam_number_idx" ON "DatasetRequest"("ownerTeam", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_statusRank_number_idx" ON "DatasetRequest"("statusRank", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_priorityRank_number_idx" ON "DatasetRequest"("priorityRank", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_assigneeName_number_idx" ON "DatasetRequest"("assigneeName", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_createdAt_number_idx" ON "DatasetRequest"("createdAt", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_updatedAt_number_idx" ON "DatasetRequest"("updatedAt", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_number_idx" ON "DatasetRequest"("number");

-- CreateIndex
CREATE INDEX "DatasetRequest_requesterId_number_idx" ON "DatasetRequest"("requesterId", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_assigneeId_number_idx" ON "DatasetRequest"("assigneeId", "number");


-- ---- Part 2: hand-written ------------------------------------------------------

-- assigneeName: the assignee's name, for sorting on an index. The data layer writes it
-- (assigneeColumns() in lib/data/requests/assignee-columns.ts); these triggers make the
-- database keep it right whatever the writer: a new or changed assignee gets the user's
-- name, and renaming a user renames their assignments.
UPDATE "DatasetRequest" SET "assigneeName" = (SELECT "name" FROM "user" WHERE "id" = "assigneeId") WHERE "assigneeId" IS NOT NULL;

CREATE TRIGGER "DatasetRequest_assigneeName_insert" AFTER INSERT ON "DatasetRequest"
WHEN new."assigneeName" IS NOT (SELECT "name" FROM "user" WHERE "id" = new."assigneeId")
BEGIN
  UPDATE "DatasetRequest" SET "assigneeName" = (SELECT "name" FROM "user" WHERE "id" = new."assigneeId") WHERE "number" = new."number";
END;

CREATE TRIGGER "DatasetRequest_assigneeName_update" AFTER UPDATE OF "assigneeId", "assigneeName" ON "DatasetRequest"
WHEN new."assigneeName" IS NOT (SELECT "name" FROM "user" WHERE "id" = new."assigneeId")
BEGIN
  UPDATE "DatasetRequest" SET "assigneeName" = (SELECT "name" FROM "user" WHERE "id" = new."assigneeId") WHERE "number" = new."number";
END;

CREATE TRIGGER "user_name_assignments" AFTER UPDATE OF "name" ON "user"
WHEN old."name" IS NOT new."name"
BEGIN
  UPDATE "DatasetRequest" SET "assigneeName" = new."name" WHERE "assigneeId" = new."id";
END;

-- RequestCount: requests per (status, type, priority, assignee), so the queue's total
-- is a sum over a few hundred rows. Filled once here, then kept by triggers on every
-- insert, delete and change of those columns.
INSERT INTO "RequestCount" ("status", "requestType", "priority", "assigneeId", "n")
SELECT "status", "requestType", "priority", COALESCE("assigneeId", ''), COUNT(*) FROM "DatasetRequest" GROUP BY 1, 2, 3, 4;

CREATE TRIGGER "RequestCount_insert" AFTER INSERT ON "DatasetRequest"
BEGIN
  INSERT INTO "RequestCount" ("status", "requestType", "priority", "assigneeId", "n")
  VALUES (new."status", new."requestType", new."priority", COALESCE(new."assigneeId", ''), 1)
  ON CONFLICT ("status", "requestType", "priority", "assigneeId") DO UPDATE SET "n" = "n" + 1;
END;

CREATE TRIGGER "RequestCount_delete" AFTER DELETE ON "DatasetRequest"
BEGIN
  UPDATE "RequestCount" SET "n" = "n" - 1
  WHERE "status" = old."status" AND "requestType" = old."requestType" AND "priority" = old."priority" AND "assigneeId" = COALESCE(old."assigneeId", '');
END;

CREATE TRIGGER "RequestCount_update" AFTER UPDATE OF "status", "requestType", "priority", "assigneeId" ON "DatasetRequest"
WHEN old."status" IS NOT new."status" OR old."requestType" IS NOT new."requestType" OR old."priority" IS NOT new."priority" OR old."assigneeId" IS NOT new."assigneeId"
BEGIN
  UPDATE "RequestCount" SET "n" = "n" - 1
  WHERE "status" = old."status" AND "requestType" = old."requestType" AND "priority" = old."priority" AND "assigneeId" = COALESCE(old."assigneeId", '');
  INSERT INTO "RequestCount" ("status", "requestType", "priority", "assigneeId", "n")
  VALUES (new."status", new."requestType", new."priority", COALESCE(new."assigneeId", ''), 1)
  ON CONFLICT ("status", "requestType", "priority", "assigneeId") DO UPDATE SET "n" = "n" + 1;
END;

-- RequestSearch: a trigram full-text index over the searched text columns, for
-- substring search in time that does not grow with the table (LIKE '%x%' reads every
-- row). External content: the index holds no copy of the text; rowid = number. The
-- triggers keep it in step with every insert, delete and change of those columns.
CREATE VIRTUAL TABLE "RequestSearch" USING fts5(
  "datasetName", "ownerTeam", "useCase",
  content = 'DatasetRequest', content_rowid = 'number', tokenize = 'trigram'
);
INSERT INTO "RequestSearch" ("RequestSearch") VALUES ('rebuild');

CREATE TRIGGER "RequestSearch_insert" AFTER INSERT ON "DatasetRequest"
BEGIN
  INSERT INTO "RequestSearch" ("rowid", "datasetName", "ownerTeam", "useCase") VALUES (new."number", new."datasetName", new."ownerTeam", new."useCase");
END;

CREATE TRIGGER "RequestSearch_delete" AFTER DELETE ON "DatasetRequest"
BEGIN
  INSERT INTO "RequestSearch" ("RequestSearch", "rowid", "datasetName", "ownerTeam", "useCase") VALUES ('delete', old."number", old."datasetName", old."ownerTeam", old."useCase");
END;

CREATE TRIGGER "RequestSearch_update" AFTER UPDATE OF "datasetName", "ownerTeam", "useCase" ON "DatasetRequest"
WHEN old."datasetName" IS NOT new."datasetName" OR old."ownerTeam" IS NOT new."ownerTeam" OR old."useCase" IS NOT new."useCase"
BEGIN
  INSERT INTO "RequestSearch" ("RequestSearch", "rowid", "datasetName", "ownerTeam", "useCase") VALUES ('delete', old."number", old."datasetName", old."ownerTeam", old."useCase");
  INSERT INTO "RequestSearch" ("rowid", "datasetName", "ownerTeam", "useCase") VALUES (new."number", new."datasetName", new."ownerTeam", new."useCase");
END;
