// PATCH and DELETE /api/requests/{number}/comments/{id}: the author, within 15 minutes
// of posting (lib/domain/requests/comment-rules.ts). Each change writes an event in the
// request's history in the same transaction; a deleted comment keeps its row (its place
// in the timeline) and loses its words.
import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { COMMENT_EDIT_WINDOW_MS, commentChangeRefusal } from "@/lib/domain/requests/comment-rules";
import { formatRequestNumber, parseRequestNumber } from "@/lib/domain/requests/options";
import type { CommentDto, UpdateCommentBody } from "@/lib/schemas/request";
import { toCommentDto } from "@/lib/data/requests/request-dto";
import { announcingTransaction, requestChanged } from "@/lib/events/request-events";

const author = { select: { id: true, name: true, email: true } } as const;

export async function editComment(user: SessionUser, rawNumber: string, rawId: string, body: UpdateCommentBody, now = new Date()): Promise<CommentDto> {
  return changeComment(user, rawNumber, rawId, "edit", now, { body: body.body, editedAt: now });
}

export async function deleteComment(user: SessionUser, rawNumber: string, rawId: string, now = new Date()): Promise<CommentDto> {
  return changeComment(user, rawNumber, rawId, "delete", now, { body: "", deletedAt: now });
}

async function changeComment(
  user: SessionUser,
  rawNumber: string,
  rawId: string,
  action: "edit" | "delete",
  now: Date,
  data: { body: string; editedAt?: Date; deletedAt?: Date },
): Promise<CommentDto> {
  const number = parseRequestNumber(rawNumber);
  const id = /^[1-9][0-9]{0,9}$/.test(rawId) && Number(rawId) <= 2_147_483_647 ? Number(rawId) : null;
  if (number === null) throw ApiError.notFound(`Request ${rawNumber.slice(0, 20)}`);
  if (id === null) throw ApiError.notFound(`Comment ${rawId.slice(0, 20)}`);
  const request = await db.datasetRequest.findUnique({ where: { number }, select: { number: true, version: true } });
  if (!request) throw ApiError.notFound(`Request ${formatRequestNumber(number)}`);

  const changed = await announcingTransaction(async (tx, announce) => {
    const comment = await tx.comment.findFirst({ where: { id, requestNumber: number } });
    if (!comment) throw ApiError.notFound(`Comment ${id} on ${formatRequestNumber(number)}`);
    refuseUnlessAllowed(user, comment, action, now);
    // The same conditions again in the write, so a change that races the window's end or
    // a deletion in another tab cannot slip through between the read and the write.
    const { count } = await tx.comment.updateMany({
      where: { id, authorId: user.id, deletedAt: null, createdAt: { gt: new Date(now.getTime() - COMMENT_EDIT_WINDOW_MS) } },
      data,
    });
    if (count === 0) {
      refuseUnlessAllowed(user, (await tx.comment.findUnique({ where: { id } })) ?? comment, action, now);
      throw new ApiError("CONFLICT", "The comment changed meanwhile; reload and try again.");
    }
    await tx.requestEvent.create({
      data: { requestNumber: number, actorId: user.id, kind: action === "edit" ? "COMMENT_EDITED" : "COMMENT_DELETED", field: String(id), createdAt: now },
    });
    announce(requestChanged(formatRequestNumber(number), request.version));
    return tx.comment.findUniqueOrThrow({ where: { id }, include: { author } });
  });
  return toCommentDto(changed);
}

function refuseUnlessAllowed(user: SessionUser, comment: Parameters<typeof commentChangeRefusal>[1], action: "edit" | "delete", now: Date) {
  const refusal = commentChangeRefusal(user, comment, action, now);
  if (refusal) throw refusal.status === "FORBIDDEN" ? ApiError.forbidden(refusal.message) : new ApiError("CONFLICT", refusal.message);
}
