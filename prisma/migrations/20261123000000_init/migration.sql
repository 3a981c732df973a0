-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" TEXT NOT NULL DEFAULT 'REQUESTER',
    "team" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,
    CONSTRAINT "session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" DATETIME,
    "refreshTokenExpiresAt" DATETIME,
    "scope" TEXT,
    "password" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DatasetRequest" (
    "number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetName" TEXT NOT NULL,
    "liveDatasetName" TEXT,
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
    "neededBy" TEXT,
    "priority" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "priorityRank" INTEGER NOT NULL,
    "statusRank" INTEGER NOT NULL DEFAULT 0,
    "statusChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requesterId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "DatasetRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DatasetRequest_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestNumber" INTEGER NOT NULL,
    "actorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "field" TEXT,
    "oldValue" TEXT,
    "newValue" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequestEvent_requestNumber_fkey" FOREIGN KEY ("requestNumber") REFERENCES "DatasetRequest" ("number") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RequestEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestNumber" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_requestNumber_fkey" FOREIGN KEY ("requestNumber") REFERENCES "DatasetRequest" ("number") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

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
CREATE INDEX "DatasetRequest_datasetName_idx" ON "DatasetRequest"("datasetName");

-- CreateIndex
CREATE INDEX "DatasetRequest_requesterId_createdAt_idx" ON "DatasetRequest"("requesterId", "createdAt");

-- CreateIndex
CREATE INDEX "DatasetRequest_status_updatedAt_idx" ON "DatasetRequest"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "DatasetRequest_createdAt_idx" ON "DatasetRequest"("createdAt");

-- CreateIndex
CREATE INDEX "DatasetRequest_updatedAt_idx" ON "DatasetRequest"("updatedAt");

-- CreateIndex
CREATE INDEX "RequestEvent_requestNumber_id_idx" ON "RequestEvent"("requestNumber", "id");

-- CreateIndex
CREATE INDEX "Comment_requestNumber_id_idx" ON "Comment"("requestNumber", "id");


-- History is append-only: the database itself refuses to rewrite or remove events.
CREATE TRIGGER "RequestEvent_no_update" BEFORE UPDATE ON "RequestEvent"
BEGIN SELECT RAISE(ABORT, 'RequestEvent is append-only'); END;
CREATE TRIGGER "RequestEvent_no_delete" BEFORE DELETE ON "RequestEvent"
BEGIN SELECT RAISE(ABORT, 'RequestEvent is append-only'); END;
