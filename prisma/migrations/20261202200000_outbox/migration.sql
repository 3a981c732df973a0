-- CreateTable
CREATE TABLE "OutboxItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "requestNumber" INTEGER,
    "orderKey" TEXT,
    "target" TEXT,
    "payload" TEXT NOT NULL,
    "availableAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "deliveredAt" DATETIME,
    "failedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxItem_deliveryId_key" ON "OutboxItem"("deliveryId");

-- CreateIndex
CREATE INDEX "OutboxItem_deliveredAt_failedAt_availableAt_idx" ON "OutboxItem"("deliveredAt", "failedAt", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxItem_orderKey_id_idx" ON "OutboxItem"("orderKey", "id");

-- CreateIndex
CREATE INDEX "OutboxItem_channel_target_id_idx" ON "OutboxItem"("channel", "target", "id");

