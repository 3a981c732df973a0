// A person's saved queue views: theirs alone to list and delete. Someone else's view
// looks like a missing one (404), as tokens do.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { isUniqueViolation } from "@/lib/db/database-errors";
import type { SessionUser } from "@/lib/auth/roles";
import { MAX_SAVED_VIEWS, viewNameKey, type CreateViewBody, type SavedViewDto } from "@/lib/schemas/view";

const select = { id: true, name: true, query: true, createdAt: true } as const;
const toDto = (row: { id: string; name: string; query: string; createdAt: Date }): SavedViewDto => ({ ...row, createdAt: row.createdAt.toISOString() });

const nameTaken = (name: string) =>
  new ApiError("CONFLICT", `You already have a view named "${name}": choose another name.`, [
    { path: "name", message: `You already have a view named "${name}"` },
  ]);

/** The person's views, by name (as the view menu lists them). */
export async function listViews(user: SessionUser): Promise<SavedViewDto[]> {
  const rows = await db.savedView.findMany({ where: { userId: user.id }, orderBy: [{ nameKey: "asc" }], select });
  return rows.map(toDto);
}

export async function createView(user: SessionUser, body: CreateViewBody): Promise<SavedViewDto> {
  const nameKey = viewNameKey(body.name);
  // A cap against runaway scripts, not an invariant: two saves at the same instant may both pass it.
  const [count, same] = await Promise.all([
    db.savedView.count({ where: { userId: user.id } }),
    db.savedView.findUnique({ where: { userId_nameKey: { userId: user.id, nameKey } }, select: { name: true } }),
  ]);
  if (same) throw nameTaken(same.name);
  if (count >= MAX_SAVED_VIEWS) {
    throw new ApiError("CONFLICT", `You have ${MAX_SAVED_VIEWS} saved views, the most one person may keep: delete one you no longer use first.`);
  }
  try {
    const row = await db.savedView.create({ data: { id: randomUUID(), userId: user.id, name: body.name, nameKey, query: body.query }, select });
    return toDto(row);
  } catch (error) {
    // Saved twice at once: the unique index decides.
    if (isUniqueViolation(error)) throw nameTaken(body.name);
    throw error;
  }
}

/** Deletes one of the person's own views; anyone else's answers 404 and stays. */
export async function deleteView(user: SessionUser, id: string): Promise<void> {
  const { count } = await db.savedView.deleteMany({ where: { id, userId: user.id } });
  if (count === 0) throw ApiError.notFound("The view");
}
