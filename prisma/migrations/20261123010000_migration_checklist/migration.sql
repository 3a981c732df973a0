-- Migration steps done so far, comma-separated (lib/domain/requests/options.ts).
ALTER TABLE "DatasetRequest" ADD COLUMN "checklist" TEXT NOT NULL DEFAULT '';
