-- CreateIndex
CREATE INDEX "DatasetRequest_sourceLocation_idx" ON "DatasetRequest"("sourceLocation");

