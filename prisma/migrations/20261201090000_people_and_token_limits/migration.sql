-- People (issue 16): an admin may deactivate a person; the app records when each person
-- was last seen; every change an admin makes to a person is kept in UserChange; API
-- tokens can be read-only and expire.
--
-- Plain ALTER TABLE, not Prisma's table rebuild: rebuilding "user" would drop the
-- "user_name_assignments" trigger (migration 20261123100000) with the old table.
-- Existing people become active; existing tokens stay read-write and never expire.

ALTER TABLE "user" ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "user" ADD COLUMN "lastSeenAt" DATETIME;

CREATE INDEX "user_name_idx" ON "user"("name");
CREATE INDEX "user_lastSeenAt_idx" ON "user"("lastSeenAt");
CREATE INDEX "user_team_idx" ON "user"("team");

ALTER TABLE "ApiToken" ADD COLUMN "readOnly" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ApiToken" ADD COLUMN "expiresAt" DATETIME;

-- CreateTable
CREATE TABLE "UserChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actorId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "fromValue" TEXT NOT NULL,
    "toValue" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UserChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "UserChange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UserChange_createdAt_id_idx" ON "UserChange"("createdAt", "id");

-- CreateIndex
CREATE INDEX "UserChange_userId_id_idx" ON "UserChange"("userId", "id");

-- The record of changes to people is append-only, like RequestEvent.
CREATE TRIGGER "UserChange_no_update" BEFORE UPDATE ON "UserChange"
BEGIN SELECT RAISE(ABORT, 'UserChange is append-only'); END;
CREATE TRIGGER "UserChange_no_delete" BEFORE DELETE ON "UserChange"
BEGIN SELECT RAISE(ABORT, 'UserChange is append-only'); END;
