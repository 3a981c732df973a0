// Every number /insights links into the queue is the queue's total when followed: each
// link's view, read as the queue page reads its URL and listed by the queue's own query,
// counts exactly what insights counted.
import { db } from "@/lib/db";
import { getInsights } from "@/lib/data/insights/get-insights";
import { createRequest } from "@/lib/data/requests/create-request";
import { listRequests } from "@/lib/data/requests/list-requests";
import { toSessionUser, type Role, type SessionUser } from "@/lib/auth/roles";
import { insightsQueueLinks as links } from "@/lib/domain/insights/queue-links";
import { activePreset } from "@/lib/domain/requests/presets";
import { OPEN_STATUSES, PRIORITIES, type Priority, type RequestStatus } from "@/lib/domain/requests/options";
import { readQueueView } from "@/lib/queries/queue-view";
import { createRequestBodySchema } from "@/lib/schemas/request";
import { createUser, validRequestBody } from "@/tests/helpers/fixtures";

const DAY = 86_400_000;
let requester: SessionUser;
let admin: SessionUser;

type Seed = { status: RequestStatus; days: number; priority: Priority; assigned?: boolean };

beforeAll(async () => {
  requester = toSessionUser(await createUser("ivy", "REQUESTER", "maps"));
  admin = toSessionUser(await createUser("jon", "ADMIN", "storage"));
  const other = toSessionUser(await createUser("kim", "REQUESTER", "ads"));
  const seeds: Seed[] = [
    { status: "SUBMITTED", days: 1, priority: "LOW" },
    { status: "SUBMITTED", days: 3, priority: "URGENT" }, // stale after 2
    { status: "SUBMITTED", days: 30, priority: "URGENT", assigned: true },
    { status: "IN_REVIEW", days: 6, priority: "HIGH", assigned: true }, // stale after 5
    { status: "IN_REVIEW", days: 2, priority: "MEDIUM" },
    { status: "NEEDS_INFO", days: 8, priority: "MEDIUM", assigned: true }, // stale after 7
    { status: "APPROVED", days: 1, priority: "HIGH", assigned: true },
    { status: "PROVISIONING", days: 9, priority: "URGENT", assigned: true },
    { status: "COMPLETED", days: 40, priority: "URGENT", assigned: true },
    { status: "REJECTED", days: 40, priority: "LOW" },
    { status: "CANCELLED", days: 40, priority: "HIGH" },
  ];
  for (const [i, s] of seeds.entries()) {
    const created = await createRequest(i % 2 ? requester : other, createRequestBodySchema.parse(validRequestBody({ priority: s.priority })));
    await db.datasetRequest.update({
      where: { number: Number(created.number.slice(3)) },
      data: {
        status: s.status,
        statusChangedAt: new Date(Date.now() - s.days * DAY),
        assigneeId: s.assigned ? admin.id : null,
        completedAt: s.status === "COMPLETED" ? new Date() : null,
      },
    });
  }
});
afterAll(() => db.$disconnect());

/** The queue's total for a link, as the queue page would show it to this person. */
async function queueTotal(href: string, viewer: SessionUser): Promise<number> {
  const url = new URL(href, "http://localhost");
  expect(url.pathname).toBe("/requests");
  return (await listRequests(readQueueView(url.searchParams, viewer.role), viewer)).total;
}

it.each<Role>(["REQUESTER", "ADMIN"])("each insights number equals the queue's total behind its link (viewer: %s)", async (role) => {
  const viewer = role === "ADMIN" ? admin : requester;
  const data = await getInsights(12);
  const open = data.backlog.reduce((s, b) => s + b.count, 0);
  const stale = data.backlog.reduce((s, b) => s + b.stale, 0);
  const shown: [string, number, string][] = [
    ["open", open, links.open()],
    ["stale", stale, links.stale(role)],
    ["unassigned", data.unassigned, links.unassigned(role)],
    ...data.backlog.flatMap((b): [string, number, string][] => [
      [`open in ${b.status}`, b.count, links.status(b.status)],
      [`stale in ${b.status}`, b.stale, links.staleIn(b.status)],
    ]),
    ...PRIORITIES.map((p): [string, number, string] => [`open ${p}`, data.backlogByPriority[p], links.priority(p)]),
  ];
  // The seed makes these numbers, so the test cannot pass on zeros.
  expect({ open, stale, unassigned: data.unassigned, urgent: data.backlogByPriority.URGENT }).toEqual({ open: 8, stale: 5, unassigned: 3, urgent: 3 });
  expect(data.backlog.map((b) => b.status)).toEqual([...OPEN_STATUSES]);
  for (const [what, count, href] of shown) {
    expect({ what, total: await queueTotal(href, viewer) }).toEqual({ what, total: count });
  }
});

it.each<Role>(["REQUESTER", "ADMIN"])("the stale and unassigned numbers open the queue with those presets active (%s)", (role) => {
  const presetOf = (href: string) => activePreset(readQueueView(new URL(href, "http://localhost").searchParams, role), role);
  expect(presetOf(links.stale(role))).toBe("stale");
  expect(presetOf(links.unassigned(role))).toBe("unassigned");
  expect(links.stale(role)).toBe("/requests?requester=all&stale=true");
});
