// The queue sorts by assignee name on an index, so a request stores its assignee's name
// next to the id (DatasetRequest.assigneeName). Every write that sets or clears an
// assignee writes both columns from here:
//
//   await db.datasetRequest.update({ where: { number }, data: { ...assigneeColumns(admin), version: { increment: 1 } } });
//
// Triggers in prisma/migrations/20261123100000_queue_indexes_search_counts also keep
// the copy right (a changed assigneeId gets the user's name; renaming a user renames
// their assignments), so a writer that forgets cannot leave the sort wrong; this helper
// keeps the row right in the statement that writes it. Client-safe: no server imports,
// so the seed and scripts use it too.

/** The assignee to write: a user (id and name), or null to unassign. */
type AssigneeRef = { id: string; name: string } | null | undefined;

/** The column values to write for an assignee: `{ assigneeId, assigneeName }`, both null to unassign. */
export function assigneeColumns(assignee: AssigneeRef): { assigneeId: string | null; assigneeName: string | null } {
  return assignee ? { assigneeId: assignee.id, assigneeName: assignee.name } : { assigneeId: null, assigneeName: null };
}
