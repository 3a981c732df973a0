import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/roles";
import type { WatchState } from "@/lib/schemas/notification";
import { getRequestByNumber } from "@/lib/data/requests/get-request";

/** Whether the caller watches the request: a Watch or Unwatch of theirs decides, else being its requester or assignee. */
export async function watchState(user: SessionUser, rawNumber: string): Promise<WatchState> {
  const request = await getRequestByNumber(rawNumber);
  const row = await db.requestWatch.findUnique({ where: { requestNumber_userId: { requestNumber: Number(request.number.slice(3)), userId: user.id } } });
  const implicit = request.requester.id === user.id || request.assignee?.id === user.id;
  return { number: request.number, watching: row ? row.watching : implicit };
}

/** Watch or Unwatch: anyone signed in, on any request (they may read every request). */
export async function setWatching(user: SessionUser, rawNumber: string, watching: boolean): Promise<WatchState> {
  const request = await getRequestByNumber(rawNumber);
  const requestNumber = Number(request.number.slice(3));
  await db.requestWatch.upsert({
    where: { requestNumber_userId: { requestNumber, userId: user.id } },
    create: { requestNumber, userId: user.id, watching },
    update: { watching },
  });
  return { number: request.number, watching };
}
