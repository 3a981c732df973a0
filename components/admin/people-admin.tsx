"use client";
// The admins' people page: search, filter, sort and page (all in the URL, answered by the
// server), change a role, deactivate (after a confirmation) or reactivate, and the recent
// changes. A change goes through PATCH /api/users/{id}, then the page is re-rendered.
import { useEffect, useState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TablePagination from "@mui/material/TablePagination";
import TableRow from "@mui/material/TableRow";
import TableSortLabel from "@mui/material/TableSortLabel";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { apiFetch, ApiClientError } from "@/lib/queries/api-client";
import type { UpdateUserBody, UserChangeDto, UserDto, UserListResponse, UserSortField } from "@/lib/schemas/user";
import { RelativeTime } from "@/components/requests/relative-time";
import { EmptyTableRow } from "@/components/layout/empty-table-row";
import { useToast } from "@/components/feedback/toast-provider";

type View = { q: string; role: string; active: string; sort: UserSortField; order: "asc" | "desc" };
type Props = { me: string; people: UserListResponse; query: View; changes: UserChangeDto[]; rolesFromIdentityProvider: boolean };

const COLUMNS: { field: UserSortField; label: string; phones: boolean }[] = [
  { field: "name", label: "Name", phones: true },
  { field: "email", label: "Email", phones: false },
  { field: "team", label: "Team", phones: false },
  { field: "role", label: "Role", phones: false },
  { field: "lastSeenAt", label: "Last seen", phones: false },
];
const roleLabel = (role: string) => (role === "ADMIN" ? "Admin" : "Requester");

export function PeopleAdmin({ me, people, query, changes, rolesFromIdentityProvider }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [search, setSearch] = useState(query.q);
  const [confirming, setConfirming] = useState<UserDto | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function go(change: Partial<View> & { page?: number }) {
    const next = { ...query, ...change };
    const params = new URLSearchParams();
    if (next.q) params.set("q", next.q);
    if (next.role) params.set("role", next.role);
    if (next.active) params.set("active", next.active);
    if (next.sort !== "name") params.set("sort", next.sort);
    if (next.order !== "asc") params.set("order", next.order);
    if (change.page && change.page > 1) params.set("page", String(change.page));
    const qs = params.toString();
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  }

  // Search as people type, once they pause.
  useEffect(() => {
    if (search.trim() === query.q) return;
    const timer = setTimeout(() => go({ q: search.trim() }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  async function change(person: UserDto, body: UpdateUserBody, done: string) {
    setBusy(person.id);
    setError(null);
    try {
      await apiFetch<UserDto>(`/api/users/${encodeURIComponent(person.id)}`, { method: "PATCH", json: body });
      setConfirming(null);
      toast(done);
      startTransition(() => router.refresh());
    } catch (e) {
      setError(e instanceof ApiClientError ? e.message : "The change did not go through. Try again.");
    } finally {
      setBusy(null);
    }
  }

  const sortBy = (field: UserSortField) => go({ sort: field, order: query.sort === field && query.order === "asc" ? "desc" : "asc" });

  return (
    <Stack spacing={3} sx={{ maxWidth: 1100, mx: "auto" }}>
      <div>
        <Typography variant="h1" gutterBottom>
          People
        </Typography>
        <Typography color="textSecondary">
          Everyone who has signed in. Admins triage the queue and manage people. Deactivating someone signs them out everywhere, revokes their API tokens and
          keeps them from signing in until they are reactivated.
        </Typography>
      </div>

      {rolesFromIdentityProvider && (
        <Alert severity="info">Roles follow the OIDC_ADMIN_GROUPS groups at each sign-in; a change here lasts until the person&apos;s next sign-in.</Alert>
      )}
      {error && (
        <Alert severity="error" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}

      <Paper sx={{ p: 2 }}>
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1.5} role="search" aria-label="Find people">
          <TextField
            label="Search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Name, email or team"
            size="small"
            sx={{ flexGrow: 1 }}
            slotProps={{ htmlInput: { maxLength: 100 } }}
          />
          <TextField
            select
            label="Role"
            size="small"
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
            value={query.role}
            onChange={(e) => go({ role: e.target.value })}
            sx={{ minWidth: 140 }}
          >
            <MenuItem value="">Any role</MenuItem>
            <MenuItem value="ADMIN">Admin</MenuItem>
            <MenuItem value="REQUESTER">Requester</MenuItem>
          </TextField>
          <TextField
            select
            label="Status"
            size="small"
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
            value={query.active}
            onChange={(e) => go({ active: e.target.value })}
            sx={{ minWidth: 140 }}
          >
            <MenuItem value="">Everyone</MenuItem>
            <MenuItem value="true">Active</MenuItem>
            <MenuItem value="false">Deactivated</MenuItem>
          </TextField>
        </Stack>
      </Paper>

      <Paper aria-busy={pending}>
        <TableContainer>
          <Table size="small" aria-label="People">
            <TableHead>
              <TableRow>
                {COLUMNS.map((c) => (
                  <TableCell key={c.field} sortDirection={query.sort === c.field ? query.order : false} sx={c.phones ? undefined : hideOnPhones}>
                    <TableSortLabel active={query.sort === c.field} direction={query.sort === c.field ? query.order : "asc"} onClick={() => sortBy(c.field)}>
                      {c.label}
                    </TableSortLabel>
                  </TableCell>
                ))}
                <TableCell sx={hideOnPhones}>Status</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {people.items.map((p) => (
                <TableRow key={p.id} data-person={p.email}>
                  <TableCell sx={{ overflowWrap: "anywhere", minWidth: 120 }}>
                    {p.name}
                    {p.id === me && (
                      <Typography component="span" variant="body2" color="textSecondary">
                        {" "}
                        (you)
                      </Typography>
                    )}
                    {/* Phones: the email, role and status under the name (their columns are hidden). */}
                    <Typography variant="body2" color="textSecondary" sx={{ display: { xs: "block", sm: "none" }, overflowWrap: "anywhere" }}>
                      {p.email}
                      <br />
                      {roleLabel(p.role)} · {p.active ? "active" : "deactivated"}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ overflowWrap: "anywhere", ...hideOnPhones }}>{p.email}</TableCell>
                  <TableCell sx={hideOnPhones}>{p.team ?? "—"}</TableCell>
                  <TableCell sx={hideOnPhones}>{roleLabel(p.role)}</TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap", ...hideOnPhones }}>
                    {p.lastSeenAt ? (
                      <RelativeTime iso={p.lastSeenAt} />
                    ) : (
                      <Typography component="span" variant="body2" color="textSecondary">
                        Never
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell sx={hideOnPhones}>
                    {p.active ? (
                      <Chip size="small" label="Active" color="success" variant="outlined" />
                    ) : (
                      <Chip size="small" label="Deactivated" variant="outlined" />
                    )}
                  </TableCell>
                  <TableCell align="right">
                    <Stack
                      direction={{ xs: "column", md: "row" }}
                      spacing={1}
                      sx={{ justifyContent: "flex-end", alignItems: { xs: "flex-end", md: "center" } }}
                    >
                      <Button
                        size="small"
                        disabled={busy === p.id}
                        onClick={() =>
                          change(
                            p,
                            { role: p.role === "ADMIN" ? "REQUESTER" : "ADMIN" },
                            p.role === "ADMIN" ? `${p.name} is a requester now` : `${p.name} is an admin now`,
                          )
                        }
                        aria-label={p.role === "ADMIN" ? `Make ${p.name} a requester` : `Make ${p.name} an admin`}
                        sx={{ whiteSpace: "nowrap" }}
                      >
                        {p.role === "ADMIN" ? "Make requester" : "Make admin"}
                      </Button>
                      {p.active ? (
                        <Button size="small" color="error" disabled={busy === p.id} onClick={() => setConfirming(p)} aria-label={`Deactivate ${p.name}`}>
                          Deactivate
                        </Button>
                      ) : (
                        <Button
                          size="small"
                          disabled={busy === p.id}
                          onClick={() => change(p, { active: true }, `${p.name} is active again`)}
                          aria-label={`Reactivate ${p.name}`}
                        >
                          Reactivate
                        </Button>
                      )}
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
              {people.items.length === 0 && <EmptyTableRow colSpan={7}>Nobody matches.</EmptyTableRow>}
            </TableBody>
          </Table>
        </TableContainer>
        <TablePagination
          component="div"
          count={people.total}
          page={Math.max(0, people.page - 1)}
          rowsPerPage={people.pageSize}
          rowsPerPageOptions={[]}
          onPageChange={(_, page) => go({ page: page + 1 })}
        />
      </Paper>

      <Paper sx={{ p: 2 }} component="section" aria-labelledby="recent-changes">
        <Typography variant="h2" id="recent-changes" gutterBottom>
          Recent changes
        </Typography>
        {changes.length === 0 ? (
          <Typography color="textSecondary">No changes yet.</Typography>
        ) : (
          <List dense disablePadding aria-label="Recent changes to people">
            {changes.map((c) => (
              <ListItem key={c.id} disableGutters divider>
                <ListItemText
                  primary={`${c.actor.name} changed ${c.user.name}: ${describe(c.field, c.from)} → ${describe(c.field, c.to)}`}
                  secondary={<RelativeTime iso={c.createdAt} />}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Paper>

      <Dialog open={Boolean(confirming)} onClose={() => setConfirming(null)} aria-labelledby="deactivate-title">
        <DialogTitle id="deactivate-title">Deactivate {confirming?.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {confirming?.name} is signed out everywhere at once, their API tokens stop working for good, and they cannot sign in until an admin reactivates
            them. Their requests and comments stay.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(null)}>Cancel</Button>
          <Button
            color="error"
            variant="contained"
            disabled={!confirming || busy === confirming.id}
            onClick={() => confirming && change(confirming, { active: false }, `${confirming.name} is deactivated`)}
          >
            Deactivate
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

function describe(field: "role" | "active", value: string): string {
  if (field === "role") return roleLabel(value).toLowerCase();
  return value === "true" ? "active" : "deactivated";
}

const hideOnPhones = { display: { xs: "none", sm: "table-cell" } } as const;
