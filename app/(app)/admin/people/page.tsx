import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { listUsers } from "@/lib/data/users/list-users";
import { listUserChanges } from "@/lib/data/users/list-user-changes";
import { rolesFromIdentityProvider } from "@/lib/auth/oidc-config";
import { listUsersQuerySchema } from "@/lib/schemas/user";
import { PeopleAdmin } from "@/components/admin/people-admin";

export const metadata: Metadata = { title: "People" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const VIEW_KEYS = ["q", "role", "active", "sort", "order", "page"] as const;

// Server shell: admins only (anyone else gets the app's not-found page, as for anything
// they cannot see); the view (search, filters, sort, page) lives in the URL and is
// answered by the database, so the page works for 50,000 people.
export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const raw = await searchParams;
  const view: Record<string, string> = {};
  for (const key of VIEW_KEYS) {
    const value = raw[key];
    if (typeof value === "string" && value !== "") view[key] = value;
  }
  // A hand-edited URL with a bad value shows the default view rather than an error.
  const parsed = listUsersQuerySchema.safeParse({ ...view, pageSize: "25" });
  const query = parsed.success ? parsed.data : listUsersQuerySchema.parse({ pageSize: "25" });
  const [people, changes] = await Promise.all([listUsers(user, query), listUserChanges(20)]);
  return (
    <PeopleAdmin
      me={user.id}
      people={people}
      query={{ q: query.q ?? "", role: query.role ?? "", active: query.active === undefined ? "" : String(query.active), sort: query.sort, order: query.order }}
      changes={changes}
      rolesFromIdentityProvider={rolesFromIdentityProvider()}
    />
  );
}
