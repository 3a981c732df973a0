import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import type { CommentBody, CommentDto } from "@/lib/schemas/request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { announcingTransaction, requestChanged } from "@/lib/events/request-events";
import { toCommentDto } from "@/lib/data/requests/request-dto";
import { enqueueRequestEvent } from "@/lib/outbox/enqueue";
import { mentionedLocalParts } from "@/lib/domain/requests/mentions";

/** Anyone signed in may join the discussion on any request; comments never change it (but may @mention people). */
export async function addComment(user: SessionUser, rawNumber: string, body: CommentBody): Promise<CommentDto> {
  const request = await getRequestByNumber(rawNumber);
  const requestNumber = Number(request.number.slice(3));
  const comment = await announcingTransaction(async (tx, announce) => {
    const created = await tx.comment.create({
      data: { requestNumber, authorId: user.id, body: body.body },
      include: { author: { select: { id: true, name: true, email: true } } },
    });
    // @alice (the part of an email before "@") makes alice a watcher, and so a recipient.
    const locals = mentionedLocalParts(body.body);
    // Emails are stored lower-cased (better-auth, the seed), as the local parts are. The
    // prefix match is LIKE on either database, where "_" matches any character: the local
    // part is compared exactly after.
    const candidates = locals.length
      ? await tx.user.findMany({
          where: { active: true, OR: locals.map((local) => ({ email: { startsWith: `${local}@` } })) },
          select: { id: true, email: true },
        })
      : [];
    const mentioned = candidates.filter((u) => locals.includes(u.email.slice(0, u.email.indexOf("@")).toLowerCase()));
    const mentionedIds = mentioned.map((u) => u.id).filter((id) => id !== user.id);
    for (const userId of mentionedIds) {
      await tx.requestWatch.upsert({
        where: { requestNumber_userId: { requestNumber, userId } },
        create: { requestNumber, userId, watching: true },
        update: { watching: true },
      });
    }
    await enqueueRequestEvent(tx, {
      type: "request.commented",
      requestNumber,
      actorId: user.id,
      at: created.createdAt.toISOString(),
      commentId: created.id,
      mentionedIds,
    });
    announce(requestChanged(request.number, request.version));
    return created;
  });
  return toCommentDto(comment);
}
