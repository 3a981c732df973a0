import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import type { DatasetDetail, UpdateDatasetBody } from "@/lib/schemas/dataset";
import { DATASET_FACT_FIELDS } from "@/lib/domain/datasets/options";
import { DATASET_NAME_PATTERN } from "@/lib/schemas/request";
import { getDataset } from "@/lib/data/datasets/get-dataset";

const asText = (v: string | number | Date | null | undefined) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

/**
 * PATCH /api/datasets/{name}: admins (and their tools) set the provisioned facts and
 * links of a live dataset. Each changed field is a line of the dataset's history.
 */
export async function updateDataset(user: SessionUser, name: string, body: UpdateDatasetBody): Promise<DatasetDetail> {
  if (user.role !== "ADMIN") throw ApiError.forbidden("Only the storage team can set a dataset's provisioned facts and links.");
  const notFound = ApiError.notFound(`A live dataset named ${name.slice(0, 63)}`);
  if (!DATASET_NAME_PATTERN.test(name)) throw notFound;
  const now = new Date();
  await db.$transaction(async (tx) => {
    const current = await tx.dataset.findUnique({ where: { liveName: name } });
    if (!current) throw notFound;
    const data = { ...body, provisionedAt: body.provisionedAt === undefined ? undefined : body.provisionedAt && new Date(body.provisionedAt) };
    const changes = DATASET_FACT_FIELDS.flatMap((field) => {
      if (data[field] === undefined) return [];
      const oldValue = asText(current[field]);
      const newValue = asText(data[field]);
      return oldValue === newValue ? [] : [{ field, oldValue, newValue }];
    });
    if (changes.length === 0) return;
    await tx.dataset.update({ where: { id: current.id }, data: { ...data, updatedAt: now } });
    await tx.datasetChange.createMany({ data: changes.map((c) => ({ ...c, datasetId: current.id, actorId: user.id, createdAt: now })) });
  });
  return getDataset(name);
}
