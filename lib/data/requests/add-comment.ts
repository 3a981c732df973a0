import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/roles";
import type { CommentBody, CommentDto } from "@/lib/schemas/request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { publishRequestChanged } from "@/lib/events/request-events";
import { toCommentDto } from "@/lib/data/requests/request-dto";
import { enqueueRequestEvent } from "@/lib/outbox/enqueue";

/** Anyone signed in may join the discussion on any request; comments never change it. */
export async function addComment(user: SessionUser, rawNumber: string, body: CommentBody): Promise<CommentDto> {
  const request = await getRequestByNumber(rawNumber);
  const requestNumber = Number(request.number.slice(3));
  const comment = await db.$transaction(async (tx) => {
    const created = await tx.comment.create({
      data: { requestNumber, authorId: user.id, body: body.body },
      include: { author: { select: { id: true, name: true, email: true } } },
    });
    await enqueueRequestEvent(tx, {
      type: "request.commented",
      requestNumber,
      actorId: user.id,
      at: created.createdAt.toISOString(),
      commentId: created.id,
      mentionedIds: [],
    });
    return created;
  });
  publishRequestChanged(request.number, request.version);
  return toCommentDto(comment);
}
