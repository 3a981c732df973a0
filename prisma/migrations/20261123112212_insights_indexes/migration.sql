-- CreateIndex
CREATE INDEX "DatasetRequest_createdAt_requestType_ownerTeam_status_idx" ON "DatasetRequest"("createdAt", "requestType", "ownerTeam", "status");

-- CreateIndex
CREATE INDEX "DatasetRequest_status_completedAt_createdAt_idx" ON "DatasetRequest"("status", "completedAt", "createdAt");

-- CreateIndex
CREATE INDEX "DatasetRequest_status_statusChangedAt_priority_idx" ON "DatasetRequest"("status", "statusChangedAt", "priority");

