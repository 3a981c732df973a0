-- The PostgreSQL baseline: the database that prisma/migrations (SQLite) builds, up to and
-- including 20261202300000_datasets. Applied by scripts/migrate.mjs, one transaction.
-- Dated as the first SQLite migration, so that every later migration sorts after it.
-- Part 1 is derived from prisma/postgres/schema.prisma with
--   prisma migrate diff --config prisma/postgres/prisma.config.ts --from-empty --to-schema-datamodel prisma/postgres/schema.prisma --script
-- Part 2 is hand-written: what Prisma's schema cannot express, ported from the SQLite
-- migrations (triggers, the full-text search indexes) plus the rate limiter's table.
-- The SQLite migrations' backfills (assigneeName, RequestCount, Dataset) have nothing to
-- fill in an empty database: the triggers below keep those from the first row on.

-- ---- Part 1: schema.prisma ---------------------------------------------------
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" TEXT NOT NULL DEFAULT 'REQUESTER',
    "team" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastSeenAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMPTZ(3),
    "refreshTokenExpiresAt" TIMESTAMPTZ(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetRequest" (
    "number" SERIAL NOT NULL,
    "datasetName" TEXT NOT NULL,
    "liveDatasetName" TEXT,
    "openAmendment" TEXT,
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
    "estimatedSizeGb" DOUBLE PRECISION NOT NULL,
    "estimatedKeyCount" BIGINT NOT NULL,
    "readQps" INTEGER NOT NULL,
    "writeQps" INTEGER NOT NULL,
    "p99LatencyMs" INTEGER NOT NULL,
    "ttlDays" INTEGER,
    "regions" TEXT NOT NULL,
    "dataClassification" TEXT NOT NULL,
    "backupsEnabled" BOOLEAN NOT NULL,
    "backupRetentionDays" INTEGER,
    "neededBy" TEXT,
    "priority" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "priorityRank" INTEGER NOT NULL,
    "statusRank" INTEGER NOT NULL DEFAULT 0,
    "statusChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requesterId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "assigneeName" TEXT,
    "checklist" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DatasetRequest_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "RequestCount" (
    "status" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "assigneeId" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "RequestCount_pkey" PRIMARY KEY ("status","requestType","priority","assigneeId")
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" SERIAL NOT NULL,
    "requestNumber" INTEGER NOT NULL,
    "actorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "field" TEXT,
    "oldValue" TEXT,
    "newValue" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" SERIAL NOT NULL,
    "requestNumber" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMPTZ(3),
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserChange" (
    "id" SERIAL NOT NULL,
    "actorId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "fromValue" TEXT NOT NULL,
    "toValue" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" SERIAL NOT NULL,
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
    "estimatedSizeGb" DOUBLE PRECISION NOT NULL,
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
    "actualSizeGb" DOUBLE PRECISION,
    "peakQps" INTEGER,
    "provisionedAt" TIMESTAMPTZ(3),
    "onCall" TEXT,
    "runbookUrl" TEXT,
    "dashboardUrl" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decommissionedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetChange" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "oldValue" TEXT,
    "newValue" TEXT,
    "requestNumber" INTEGER,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxItem" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "requestNumber" INTEGER,
    "orderKey" TEXT,
    "target" TEXT,
    "payload" TEXT NOT NULL,
    "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "failedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestWatch" (
    "requestNumber" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "watching" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestWatch_pkey" PRIMARY KEY ("requestNumber","userId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "requestNumber" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "description" TEXT,
    "secret" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" SERIAL NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "attemptedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE INDEX "user_name_idx" ON "user"("name");

-- CreateIndex
CREATE INDEX "user_lastSeenAt_idx" ON "user"("lastSeenAt");

-- CreateIndex
CREATE INDEX "user_team_idx" ON "user"("team");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_userId_idx" ON "session"("userId");

-- CreateIndex
CREATE INDEX "account_userId_idx" ON "account"("userId");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetRequest_liveDatasetName_key" ON "DatasetRequest"("liveDatasetName");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetRequest_openAmendment_key" ON "DatasetRequest"("openAmendment");

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
CREATE INDEX "DatasetRequest_statusChangedAt_number_idx" ON "DatasetRequest"("statusChangedAt", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_number_idx" ON "DatasetRequest"("number");

-- CreateIndex
CREATE INDEX "DatasetRequest_requesterId_number_idx" ON "DatasetRequest"("requesterId", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_assigneeId_number_idx" ON "DatasetRequest"("assigneeId", "number");

-- CreateIndex
CREATE INDEX "DatasetRequest_sourceLocation_idx" ON "DatasetRequest"("sourceLocation");

-- CreateIndex
CREATE INDEX "DatasetRequest_createdAt_requestType_ownerTeam_status_idx" ON "DatasetRequest"("createdAt", "requestType", "ownerTeam", "status");

-- CreateIndex
CREATE INDEX "DatasetRequest_status_completedAt_createdAt_idx" ON "DatasetRequest"("status", "completedAt", "createdAt");

-- CreateIndex
CREATE INDEX "DatasetRequest_status_statusChangedAt_priority_idx" ON "DatasetRequest"("status", "statusChangedAt", "priority");

-- CreateIndex
CREATE INDEX "RequestEvent_requestNumber_id_idx" ON "RequestEvent"("requestNumber", "id");

-- CreateIndex
CREATE INDEX "Comment_requestNumber_id_idx" ON "Comment"("requestNumber", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_createdAt_idx" ON "ApiToken"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "UserChange_createdAt_id_idx" ON "UserChange"("createdAt", "id");

-- CreateIndex
CREATE INDEX "UserChange_userId_id_idx" ON "UserChange"("userId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_nameKey_key" ON "SavedView"("userId", "nameKey");

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
CREATE UNIQUE INDEX "OutboxItem_deliveryId_key" ON "OutboxItem"("deliveryId");

-- CreateIndex
CREATE INDEX "OutboxItem_deliveredAt_failedAt_availableAt_idx" ON "OutboxItem"("deliveredAt", "failedAt", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxItem_orderKey_id_idx" ON "OutboxItem"("orderKey", "id");

-- CreateIndex
CREATE INDEX "OutboxItem_channel_target_id_idx" ON "OutboxItem"("channel", "target", "id");

-- CreateIndex
CREATE INDEX "RequestWatch_userId_idx" ON "RequestWatch"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_deliveryId_key" ON "Notification"("deliveryId");

-- CreateIndex
CREATE INDEX "Notification_userId_id_idx" ON "Notification"("userId", "id");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_createdAt_idx" ON "WebhookEndpoint"("createdAt");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_id_idx" ON "WebhookAttempt"("deliveryId", "id");

-- CreateIndex
CREATE INDEX "WebhookAttempt_endpointId_idx" ON "WebhookAttempt"("endpointId");

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetRequest" ADD CONSTRAINT "DatasetRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetRequest" ADD CONSTRAINT "DatasetRequest_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_requestNumber_fkey" FOREIGN KEY ("requestNumber") REFERENCES "DatasetRequest"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_requestNumber_fkey" FOREIGN KEY ("requestNumber") REFERENCES "DatasetRequest"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserChange" ADD CONSTRAINT "UserChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserChange" ADD CONSTRAINT "UserChange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetChange" ADD CONSTRAINT "DatasetChange_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetChange" ADD CONSTRAINT "DatasetChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---- Part 2: hand-written ------------------------------------------------------

-- Append-only history (SQLite: RequestEvent_no_update/_no_delete in 20261123000000_init,
-- UserChange_* in 20261201090000, DatasetChange_* in 20261202300000): the database itself
-- refuses to rewrite or remove a row. SQLite has no TRUNCATE; here it is refused too.
CREATE FUNCTION "refuse_append_only_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "RequestEvent_append_only" BEFORE UPDATE OR DELETE ON "RequestEvent"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "RequestEvent_no_truncate" BEFORE TRUNCATE ON "RequestEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "UserChange_append_only" BEFORE UPDATE OR DELETE ON "UserChange"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "UserChange_no_truncate" BEFORE TRUNCATE ON "UserChange"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "DatasetChange_append_only" BEFORE UPDATE OR DELETE ON "DatasetChange"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "DatasetChange_no_truncate" BEFORE TRUNCATE ON "DatasetChange"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_append_only_change"();

-- assigneeName = the assignee's name, whatever the writer (SQLite: the AFTER triggers
-- DatasetRequest_assigneeName_insert/_update and user_name_assignments of 20261123100000).
-- PostgreSQL can set the row before it is written, so a BEFORE trigger replaces their
-- second UPDATE.
CREATE FUNCTION "DatasetRequest_set_assigneeName"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."assigneeName" := (SELECT "name" FROM "user" WHERE "id" = NEW."assigneeId");
  RETURN NEW;
END;
$$;

CREATE TRIGGER "DatasetRequest_assigneeName" BEFORE INSERT OR UPDATE OF "assigneeId", "assigneeName" ON "DatasetRequest"
  FOR EACH ROW EXECUTE FUNCTION "DatasetRequest_set_assigneeName"();

CREATE FUNCTION "user_rename_assignments"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "DatasetRequest" SET "assigneeName" = NEW."name" WHERE "assigneeId" = NEW."id";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "user_name_assignments" AFTER UPDATE OF "name" ON "user"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "user_rename_assignments"();

-- RequestCount: requests per (status, type, priority, assignee; '' for none), kept on
-- every insert, delete and change of those columns (SQLite: RequestCount_insert/_delete/
-- _update of 20261123100000). Concurrent writers of one group queue on its row lock.
CREATE FUNCTION "RequestCount_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "RequestCount" SET "n" = "n" - 1
    WHERE "status" = OLD."status" AND "requestType" = OLD."requestType" AND "priority" = OLD."priority"
      AND "assigneeId" = COALESCE(OLD."assigneeId", '');
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "RequestCount" ("status", "requestType", "priority", "assigneeId", "n")
    VALUES (NEW."status", NEW."requestType", NEW."priority", COALESCE(NEW."assigneeId", ''), 1)
    ON CONFLICT ("status", "requestType", "priority", "assigneeId") DO UPDATE SET "n" = "RequestCount"."n" + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "RequestCount_insert_delete" AFTER INSERT OR DELETE ON "DatasetRequest"
  FOR EACH ROW EXECUTE FUNCTION "RequestCount_keep"();
CREATE TRIGGER "RequestCount_update" AFTER UPDATE OF "status", "requestType", "priority", "assigneeId" ON "DatasetRequest"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."requestType" IS DISTINCT FROM NEW."requestType"
    OR OLD."priority" IS DISTINCT FROM NEW."priority" OR OLD."assigneeId" IS DISTINCT FROM NEW."assigneeId")
  EXECUTE FUNCTION "RequestCount_keep"();

-- Full-text search. SQLite keeps FTS5 tables with the trigram tokenizer, RequestSearch
-- (datasetName, ownerTeam, useCase of DatasetRequest; rowid = number) and DatasetSearch
-- (name, ownerTeam, useCase of Dataset; rowid = id), each kept by three triggers. Here
-- the equivalent is one pg_trgm GIN index per searched column, kept by PostgreSQL itself
-- (no triggers, no second table). An FTS5 trigram phrase matches a substring within one
-- column, folding case, for text of 3 characters or more; the same on PostgreSQL is, with
-- p = '%' || <the text, LIKE-escaped> || '%':
--   "datasetName" ILIKE p OR "ownerTeam" ILIKE p OR "useCase" ILIKE p      (requests)
--   "name" ILIKE p OR "ownerTeam" ILIKE p OR "useCase" ILIKE p             (datasets)
-- which the planner answers with a BitmapOr over the three indexes of the table
-- (tests/data/postgres-storage.pg.test.ts). One index per column, not one over all three:
-- the planner costs a multicolumn GIN index as a scan of all of it for each column, and
-- chose to read the table instead. Shorter text cannot use a trigram index, in either
-- database.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

CREATE INDEX "DatasetRequest_datasetName_trgm" ON "DatasetRequest" USING gin ("datasetName" gin_trgm_ops);
CREATE INDEX "DatasetRequest_ownerTeam_trgm" ON "DatasetRequest" USING gin ("ownerTeam" gin_trgm_ops);
CREATE INDEX "DatasetRequest_useCase_trgm" ON "DatasetRequest" USING gin ("useCase" gin_trgm_ops);
CREATE INDEX "Dataset_name_trgm" ON "Dataset" USING gin ("name" gin_trgm_ops);
CREATE INDEX "Dataset_ownerTeam_trgm" ON "Dataset" USING gin ("ownerTeam" gin_trgm_ops);
CREATE INDEX "Dataset_useCase_trgm" ON "Dataset" USING gin ("useCase" gin_trgm_ops);

-- Rate limits shared by every instance: rate-limiter-flexible's RateLimiterPostgres
-- stores them in this table; exactly the table it would create itself
-- (_getCreateTableStmt in node_modules/rate-limiter-flexible/lib/RateLimiterPostgres.js).
-- Made here so the app needs no CREATE privilege: use it with
-- { tableName: "RateLimiterFlexible", tableCreated: true }.
CREATE TABLE IF NOT EXISTS "RateLimiterFlexible" (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
