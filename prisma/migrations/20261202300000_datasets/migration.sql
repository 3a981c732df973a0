-- AlterTable
ALTER TABLE "DatasetRequest" ADD COLUMN "openAmendment" TEXT;

-- CreateTable
CREATE TABLE "Dataset" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "liveName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'LIVE',
    "originRequestNumber" INTEGER NOT NULL,
    "requestType" TEXT NOT NULL,
    "sourceSystem" TEXT,
    "ownerTeam" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "useCase" TEXT NOT NULL,
    "keyFormat" TEXT NOT NULL,
    "keyExample" TEXT,
    "valueFormat" TEXT NOT NULL,
    "valueSchema" TEXT,
    "ingestion" TEXT NOT NULL,
    "sourceLocation" TEXT,
    "updateFrequency" TEXT NOT NULL,
    "estimatedSizeGb" REAL NOT NULL,
    "estimatedKeyCount" BIGINT NOT NULL,
    "readQps" INTEGER NOT NULL,
    "writeQps" INTEGER NOT NULL,
    "p99LatencyMs" INTEGER NOT NULL,
    "ttlDays" INTEGER,
    "regions" TEXT NOT NULL,
    "dataClassification" TEXT NOT NULL,
    "backupsEnabled" BOOLEAN NOT NULL,
    "backupRetentionDays" INTEGER,
    "cluster" TEXT,
    "namespace" TEXT,
    "endpoint" TEXT,
    "actualSizeGb" REAL,
    "peakQps" INTEGER,
    "provisionedAt" DATETIME,
    "onCall" TEXT,
    "runbookUrl" TEXT,
    "dashboardUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decommissionedAt" DATETIME
);

-- CreateTable
CREATE TABLE "DatasetChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "oldValue" TEXT,
    "newValue" TEXT,
    "requestNumber" INTEGER,
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DatasetChange_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DatasetChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_liveName_key" ON "Dataset"("liveName");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_originRequestNumber_key" ON "Dataset"("originRequestNumber");

-- CreateIndex
CREATE INDEX "Dataset_name_id_idx" ON "Dataset"("name", "id");

-- CreateIndex
CREATE INDEX "Dataset_ownerTeam_id_idx" ON "Dataset"("ownerTeam", "id");

-- CreateIndex
CREATE INDEX "Dataset_status_id_idx" ON "Dataset"("status", "id");

-- CreateIndex
CREATE INDEX "Dataset_estimatedSizeGb_id_idx" ON "Dataset"("estimatedSizeGb", "id");

-- CreateIndex
CREATE INDEX "Dataset_createdAt_id_idx" ON "Dataset"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Dataset_updatedAt_id_idx" ON "Dataset"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "DatasetChange_datasetId_id_idx" ON "DatasetChange"("datasetId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetRequest_openAmendment_key" ON "DatasetRequest"("openAmendment");


-- A dataset's history is append-only, like RequestEvent.
CREATE TRIGGER "DatasetChange_no_update" BEFORE UPDATE ON "DatasetChange"
BEGIN SELECT RAISE(ABORT, 'DatasetChange is append-only'); END;
CREATE TRIGGER "DatasetChange_no_delete" BEFORE DELETE ON "DatasetChange"
BEGIN SELECT RAISE(ABORT, 'DatasetChange is append-only'); END;

-- Backfill: every completed NEW or MIGRATION request that still holds its name is a
-- dataset, with that request's metadata, born when the request completed.
INSERT INTO "Dataset" (
    "name", "liveName", "status", "originRequestNumber", "requestType", "sourceSystem", "ownerTeam", "contactEmail", "useCase",
    "keyFormat", "keyExample", "valueFormat", "valueSchema", "ingestion", "sourceLocation", "updateFrequency", "estimatedSizeGb",
    "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "ttlDays", "regions", "dataClassification", "backupsEnabled",
    "backupRetentionDays", "createdAt", "updatedAt"
)
SELECT
    "datasetName", "datasetName", 'LIVE', "number", "requestType", "sourceSystem", "ownerTeam", "contactEmail", "useCase",
    "keyFormat", "keyExample", "valueFormat", "valueSchema", "ingestion", "sourceLocation", "updateFrequency", "estimatedSizeGb",
    "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "ttlDays", "regions", "dataClassification", "backupsEnabled",
    "backupRetentionDays", COALESCE("completedAt", "statusChangedAt"), COALESCE("completedAt", "statusChangedAt")
FROM "DatasetRequest"
WHERE "status" = 'COMPLETED' AND "requestType" IN ('NEW', 'MIGRATION') AND "liveDatasetName" IS NOT NULL
ORDER BY "number";

-- DatasetSearch: a trigram full-text index over the catalog's searched columns (as
-- RequestSearch for the queue), so a search does not read every dataset. External
-- content, rowid = the dataset's id; the triggers keep it in step.
CREATE VIRTUAL TABLE "DatasetSearch" USING fts5(
  "name", "ownerTeam", "useCase",
  content = 'Dataset', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO "DatasetSearch" ("DatasetSearch") VALUES ('rebuild');

CREATE TRIGGER "DatasetSearch_insert" AFTER INSERT ON "Dataset"
BEGIN
  INSERT INTO "DatasetSearch" ("rowid", "name", "ownerTeam", "useCase") VALUES (new."id", new."name", new."ownerTeam", new."useCase");
END;

CREATE TRIGGER "DatasetSearch_delete" AFTER DELETE ON "Dataset"
BEGIN
  INSERT INTO "DatasetSearch" ("DatasetSearch", "rowid", "name", "ownerTeam", "useCase") VALUES ('delete', old."id", old."name", old."ownerTeam", old."useCase");
END;

CREATE TRIGGER "DatasetSearch_update" AFTER UPDATE OF "name", "ownerTeam", "useCase" ON "Dataset"
WHEN old."name" IS NOT new."name" OR old."ownerTeam" IS NOT new."ownerTeam" OR old."useCase" IS NOT new."useCase"
BEGIN
  INSERT INTO "DatasetSearch" ("DatasetSearch", "rowid", "name", "ownerTeam", "useCase") VALUES ('delete', old."id", old."name", old."ownerTeam", old."useCase");
  INSERT INTO "DatasetSearch" ("rowid", "name", "ownerTeam", "useCase") VALUES (new."id", new."name", new."ownerTeam", new."useCase");
END;
