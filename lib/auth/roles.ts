// Who may do what lives with the workflow (lib/domain); this is only who someone is.
export type Role = "REQUESTER" | "ADMIN";

export type SessionUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  team: string | null;
};

export function toSessionUser(u: { id: string; name: string; email: string; role?: unknown; team?: unknown }): SessionUser {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role === "ADMIN" ? "ADMIN" : "REQUESTER",
    team: typeof u.team === "string" ? u.team : null,
  };
}
