import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/roles";
import type { CommentBody, CommentDto } from "@/lib/schemas/request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { publishRequestChanged } from "@/lib/events/request-events";
import { toCommentDto } from "@/lib/data/requests/request-dto";

/** Anyone signed in may join the discussion on any request; comments never change it. */
export async function addComment(user: SessionUser, rawNumber: string, body: CommentBody): Promise<CommentDto> {
  const request = await getRequestByNumber(rawNumber);
  const comment = await db.comment.create({
    data: { requestNumber: Number(request.number.slice(3)), authorId: user.id, body: body.body },
    include: { author: { select: { id: true, name: true, email: true } } },
  });
  publishRequestChanged(request.number, request.version);
  return toCommentDto(comment);
}
