-- CreateIndex
CREATE INDEX "DatasetRequest_statusChangedAt_number_idx" ON "DatasetRequest"("statusChangedAt", "number");

