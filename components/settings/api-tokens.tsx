"use client";
// Personal API tokens: create one (shown once), see when each was last used, revoke.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { ApiClientError } from "@/lib/queries/api-client";
import { createToken, revokeToken, tokenKeys, tokenListOptions } from "@/lib/queries/tokens";
import {
  createTokenBodySchema,
  DEFAULT_TOKEN_EXPIRY_DAYS,
  TOKEN_EXPIRY_CHOICES,
  TOKEN_EXPIRY_WARNING_MS,
  type ApiTokenDto,
  type CreatedTokenDto,
} from "@/lib/schemas/token";
import MenuItem from "@mui/material/MenuItem";
import { RelativeTime } from "@/components/requests/relative-time";
import { EmptyTableRow } from "@/components/layout/empty-table-row";
import { hideOnPhones, visuallyHidden } from "@/components/layout/table-sx";
import { ShownOnceDialog } from "@/components/settings/shown-once-dialog";

export function ApiTokens({ baseUrl }: { baseUrl: string }) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(tokenListOptions());
  const [name, setName] = useState("");
  const [access, setAccess] = useState<"read-write" | "read-only">("read-write");
  const [expiry, setExpiry] = useState<string>(String(DEFAULT_TOKEN_EXPIRY_DAYS));
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedTokenDto | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenDto | null>(null);

  const create = useMutation({
    mutationFn: createToken,
    onSuccess: async (token) => {
      setCreated(token);
      setName("");
      await queryClient.invalidateQueries({ queryKey: tokenKeys.all });
    },
    onError: (e) =>
      setNameError(e instanceof ApiClientError ? (e.details.find((d) => d.path === "name")?.message ?? e.message) : "Could not create the token."),
  });

  const revoke = useMutation({
    mutationFn: (token: ApiTokenDto) => revokeToken(token.id),
    onSuccess: async () => {
      setRevoking(null);
      await queryClient.invalidateQueries({ queryKey: tokenKeys.all });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createTokenBodySchema.safeParse({ name, readOnly: access === "read-only", expiresInDays: expiry === "never" ? null : Number(expiry) });
    if (!parsed.success) {
      setNameError(parsed.error.issues[0]?.message ?? "Check the name");
      return;
    }
    setNameError(null);
    create.mutate(parsed.data);
  }

  const tokens = data?.items ?? [];

  return (
    <Stack spacing={3} sx={{ maxWidth: 960, mx: "auto" }}>
      <div>
        <Typography variant="h1" gutterBottom>
          API tokens
        </Typography>
        <Typography color="textSecondary">
          Scripts and tools (such as <code>kvctl</code>) sign in with a personal token, sent as <code>Authorization: Bearer &lt;token&gt;</code>. A token acts
          as you, with your role. Keep it secret; revoke it when a tool no longer needs it. See the{" "}
          <Link href="/api/docs" target="_blank" rel="noopener">
            API reference
          </Link>
          .
        </Typography>
      </div>

      <Paper component="form" onSubmit={submit} aria-label="Create a token" sx={{ p: 2 }}>
        <Typography variant="h2" gutterBottom>
          Create a token
        </Typography>
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1.5} sx={{ alignItems: { sm: "flex-start" } }}>
          <TextField
            label="Token name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={Boolean(nameError)}
            helperText={nameError ?? "What it is for, e.g. “backup job on db-7”"}
            slotProps={{ htmlInput: { maxLength: 80 } }}
          />
          <TextField select label="Access" value={access} onChange={(e) => setAccess(e.target.value as typeof access)} sx={{ minWidth: 150 }}>
            <MenuItem value="read-write">Read and write</MenuItem>
            <MenuItem value="read-only">Read only</MenuItem>
          </TextField>
          <TextField select label="Expires" value={expiry} onChange={(e) => setExpiry(e.target.value)} sx={{ minWidth: 150 }}>
            {TOKEN_EXPIRY_CHOICES.map((days) => (
              <MenuItem key={String(days)} value={days === null ? "never" : String(days)}>
                {days === null ? "Never" : `In ${days} days`}
              </MenuItem>
            ))}
          </TextField>
          <Button type="submit" variant="contained" disabled={create.isPending} sx={{ flexShrink: 0, mt: { sm: 0.25 } }}>
            Create token
          </Button>
        </Stack>
      </Paper>

      {error && <Alert severity="error">{error.message}</Alert>}

      <Paper>
        <TableContainer>
          <Table size="small" aria-label="Your tokens">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell sx={hideOnPhones}>Token</TableCell>
                <TableCell>Access</TableCell>
                <TableCell>Expires</TableCell>
                <TableCell sx={hideOnPhones}>Created</TableCell>
                <TableCell sx={hideOnPhones}>Last used</TableCell>
                <TableCell align="right" sx={{ position: "relative" }}>
                  <Box component="span" sx={visuallyHidden}>
                    Actions
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {tokens.map((t) => (
                <TableRow key={t.id}>
                  <TableCell sx={{ overflowWrap: "anywhere", minWidth: 120 }}>{t.name}</TableCell>
                  <TableCell sx={{ fontFamily: "monospace", whiteSpace: "nowrap", ...hideOnPhones }}>{t.prefix}…</TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>{t.readOnly ? "Read only" : "Read and write"}</TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>
                    <TokenExpiry expiresAt={t.expiresAt} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap", ...hideOnPhones }}>
                    <RelativeTime iso={t.createdAt} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap", ...hideOnPhones }}>
                    {t.lastUsedAt ? (
                      <RelativeTime iso={t.lastUsedAt} />
                    ) : (
                      <Typography component="span" variant="body2" color="textSecondary">
                        Never
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right">
                    <Button color="error" size="small" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
              {data && tokens.length === 0 && <EmptyTableRow colSpan={7}>No tokens yet. Create one for each script or tool.</EmptyTableRow>}
            </TableBody>
          </Table>
        </TableContainer>
      </Paper>

      <Paper sx={{ p: 2 }}>
        <Typography variant="h2" gutterBottom>
          Using a token
        </Typography>
        {/* It scrolls sideways on phones, so keyboard users must be able to focus it. */}
        <Box
          component="pre"
          tabIndex={0}
          role="region"
          aria-label="Example commands"
          sx={{
            m: 0,
            p: 1.5,
            borderRadius: 1,
            bgcolor: "action.hover",
            overflowX: "auto",
            fontSize: "0.85rem",
            "&:focus-visible": { outline: "2px solid var(--mui-palette-primary-main)", outlineOffset: 2 },
          }}
        >
          {`curl -H "Authorization: Bearer $KVSTORE_TOKEN" ${baseUrl}/api/requests?requester=me

npx kvctl login --url ${baseUrl} --token "$KVSTORE_TOKEN"
npx kvctl list --status SUBMITTED`}
        </Box>
      </Paper>

      <ShownOnceDialog
        value={created?.token ?? null}
        title="Copy your new token"
        warning="This is the only time the token is shown. Only a hash of it is stored, so nobody can show it again."
        fieldLabel={`Token “${created?.name ?? ""}”`}
        copyLabel="Copy token"
        onClose={() => setCreated(null)}
      />

      <Dialog open={Boolean(revoking)} onClose={() => setRevoking(null)} aria-labelledby="revoke-title">
        <DialogTitle id="revoke-title">Revoke “{revoking?.name}”?</DialogTitle>
        <DialogContent>
          <DialogContentText>Tools using this token stop working at once. This cannot be undone.</DialogContentText>
          {revoke.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {revoke.error.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRevoking(null)}>Keep it</Button>
          <Button color="error" variant="contained" disabled={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking)}>
            Revoke token
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

/** Read at render like RelativeTime's "3 d ago": the page re-renders after every change. */
const msUntil = (iso: string) => Date.parse(iso) - Date.now();

/** The expiry date; a warning within a week of it, and once it has passed. */
function TokenExpiry({ expiresAt }: { expiresAt: string | null }) {
  if (!expiresAt) return <span>Never</span>;
  const left = msUntil(expiresAt);
  const date = expiresAt.slice(0, 10);
  if (left <= 0) {
    return (
      <Typography component="span" variant="body2" color="error" sx={{ fontWeight: 500 }}>
        Expired {date}
      </Typography>
    );
  }
  if (left <= TOKEN_EXPIRY_WARNING_MS) {
    const days = Math.max(1, Math.ceil(left / 86_400_000));
    return (
      <Typography component="span" variant="body2" color="warning" sx={{ fontWeight: 500 }} suppressHydrationWarning>
        ⚠ {date}, in {days} day{days === 1 ? "" : "s"}: create a new one
      </Typography>
    );
  }
  return <time dateTime={expiresAt}>{date}</time>;
}
