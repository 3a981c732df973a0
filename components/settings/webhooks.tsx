"use client";
// Webhook endpoints for the storage team's tooling (admins): add one (its signing secret
// is shown once), see each one's latest deliveries with what the endpoint answered,
// redeliver one, delete an endpoint.
import { useState, type FormEvent } from "react";
import NextLink from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import FormControl from "@mui/material/FormControl";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import FormHelperText from "@mui/material/FormHelperText";
import FormLabel from "@mui/material/FormLabel";
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
import { createWebhook, deleteWebhook, redeliverWebhook, webhookDeliveriesOptions, webhookKeys, webhookListOptions } from "@/lib/queries/webhooks";
import {
  createWebhookBodySchema,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  type CreatedWebhookDto,
  type WebhookDeliveryDto,
  type WebhookDto,
  type WebhookEventType,
} from "@/lib/schemas/webhook";
import { RelativeTime } from "@/components/requests/relative-time";
import { EmptyTableRow } from "@/components/layout/empty-table-row";
import { hideOnPhones, visuallyHidden } from "@/components/layout/table-sx";
import { OutlinedChip, type ChipColor } from "@/components/layout/outlined-chip";
import { ShownOnceDialog } from "@/components/settings/shown-once-dialog";

type FieldErrors = Partial<Record<"url" | "events" | "description" | "form", string>>;

/** The first problem of each field, from a zod error or the API's details ("events.0" counts as events). */
function fieldErrors(details: { path: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const d of details) {
    const field = d.path.split(".")[0] as keyof FieldErrors;
    const key = field === "url" || field === "events" || field === "description" ? field : "form";
    out[key] ??= d.message;
  }
  return out;
}

export function Webhooks() {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(webhookListOptions());
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>(["request.status_changed"]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<CreatedWebhookDto | null>(null);
  const [deleting, setDeleting] = useState<WebhookDto | null>(null);

  const create = useMutation({
    mutationFn: createWebhook,
    onSuccess: async (hook) => {
      setCreated(hook);
      setUrl("");
      setDescription("");
      await queryClient.invalidateQueries({ queryKey: webhookKeys.all });
    },
    onError: (e) => setErrors(e instanceof ApiClientError && e.details.length ? fieldErrors(e.details) : { form: e.message }),
  });

  const remove = useMutation({
    mutationFn: (hook: WebhookDto) => deleteWebhook(hook.id),
    onSuccess: async () => {
      setDeleting(null);
      await queryClient.invalidateQueries({ queryKey: webhookKeys.all });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createWebhookBodySchema.safeParse({ url, events, ...(description.trim() ? { description } : {}) });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }))));
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  const toggle = (type: WebhookEventType, on: boolean) => setEvents((current) => WEBHOOK_EVENT_TYPES.filter((t) => (t === type ? on : current.includes(t))));

  const hooks = data?.items ?? [];

  return (
    <Stack spacing={3} sx={{ maxWidth: 960, mx: "auto" }}>
      <div>
        <Typography variant="h1" gutterBottom>
          Webhooks
        </Typography>
        <Typography color="textSecondary">
          Tools that provision datasets, run backups or load data can be told when something happens to a request instead of polling. Each event is POSTed to
          the endpoint as JSON with the full request, signed with the endpoint&apos;s secret (<code>KVStore-Signature</code>); anything but a 2xx answer within
          10 s is retried for 24 hours. How to check the signature: the README&apos;s “Webhooks” section; the endpoints are in the{" "}
          <Link href="/api/docs" target="_blank" rel="noopener">
            API reference
          </Link>
          .
        </Typography>
      </div>

      <Paper component="form" onSubmit={submit} aria-label="Add a webhook" noValidate sx={{ p: 2 }}>
        <Typography variant="h2" gutterBottom>
          Add a webhook
        </Typography>
        <Stack spacing={2}>
          <TextField
            label="Endpoint URL"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={Boolean(errors.url)}
            helperText={errors.url ?? "https:// on a public address, e.g. https://provisioner.example.com/kvstore"}
            slotProps={{ htmlInput: { maxLength: 2000, spellCheck: false, inputMode: "url" } }}
            fullWidth
          />
          <TextField
            label="Description (optional)"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={Boolean(errors.description)}
            helperText={errors.description ?? "What it is for, e.g. “provisioning bot”"}
            slotProps={{ htmlInput: { maxLength: 200 } }}
            fullWidth
          />
          <FormControl component="fieldset" error={Boolean(errors.events)}>
            <FormLabel component="legend">Events</FormLabel>
            <FormGroup>
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <FormControlLabel
                  key={type}
                  control={<Checkbox checked={events.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />}
                  label={
                    <span>
                      <Box component="code" sx={{ fontSize: "0.85rem" }}>
                        {type}
                      </Box>{" "}
                      — {WEBHOOK_EVENT_LABELS[type]}
                    </span>
                  }
                />
              ))}
            </FormGroup>
            {errors.events && <FormHelperText>{errors.events}</FormHelperText>}
          </FormControl>
          {errors.form && <Alert severity="error">{errors.form}</Alert>}
          <div>
            <Button type="submit" variant="contained" disabled={create.isPending}>
              Add webhook
            </Button>
          </div>
        </Stack>
      </Paper>

      {error && <Alert severity="error">{error.message}</Alert>}
      {data && hooks.length === 0 && (
        <Typography color="textSecondary" sx={{ textAlign: "center", py: 2 }}>
          No webhooks yet.
        </Typography>
      )}
      {hooks.map((hook) => (
        <Endpoint key={hook.id} hook={hook} onDelete={() => setDeleting(hook)} />
      ))}

      <ShownOnceDialog
        value={created?.secret ?? null}
        title="Copy the webhook's secret"
        warning="This is the only time the secret is shown. Put it in the receiver now: it checks every delivery's KVStore-Signature with it."
        fieldLabel="Signing secret"
        copyLabel="Copy secret"
        onClose={() => setCreated(null)}
      />

      <Dialog open={Boolean(deleting)} onClose={() => setDeleting(null)} aria-labelledby="delete-webhook-title">
        <DialogTitle id="delete-webhook-title">Delete this webhook?</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ overflowWrap: "anywhere" }}>
            Nothing more is sent to {deleting?.url}; deliveries still being retried are given up. This cannot be undone.
          </DialogContentText>
          {remove.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {remove.error.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDeleting(null)}>Keep it</Button>
          <Button color="error" variant="contained" disabled={remove.isPending} onClick={() => deleting && remove.mutate(deleting)}>
            Delete webhook
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

const answer = (d: WebhookDeliveryDto) => (d.statusCode !== null ? `HTTP ${d.statusCode}` : d.attemptedAt ? "No answer" : "—");

const eventType = { fontFamily: "monospace", fontSize: "0.8rem", overflowWrap: "anywhere" } as const;

/** Pending before any attempt (waiting for an earlier delivery of its request), retrying after a failed one. */
function DeliveryState({ delivery }: { delivery: WebhookDeliveryDto }) {
  const [label, color]: [string, ChipColor] =
    delivery.state === "delivered"
      ? ["Delivered", "success"]
      : delivery.state === "failed"
        ? ["Failed", "error"]
        : delivery.attempts > 0
          ? ["Retrying", "warning"]
          : ["Pending", "default"];
  return <OutlinedChip label={label} color={color} size="small" />;
}

function Endpoint({ hook, onDelete }: { hook: WebhookDto; onDelete: () => void }) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(webhookDeliveriesOptions(hook.id));
  const redeliver = useMutation({
    mutationFn: (delivery: WebhookDeliveryDto) => redeliverWebhook(hook.id, delivery.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(hook.id) }),
  });
  const deliveries = data?.items ?? [];
  const name = hook.description ?? hook.url;
  return (
    <Paper component="section" aria-label={`Webhook ${name}`} sx={{ p: 2 }}>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ justifyContent: "space-between", alignItems: { sm: "flex-start" }, mb: 1.5 }}>
        <Box sx={{ minWidth: 0 }}>
          {hook.description && (
            <Typography variant="h2" sx={{ fontSize: "1.1rem" }}>
              {hook.description}
            </Typography>
          )}
          <Typography sx={{ fontFamily: "monospace", fontSize: "0.9rem", overflowWrap: "anywhere" }}>{hook.url}</Typography>
          <Stack direction="row" sx={{ flexWrap: "wrap", gap: 0.5, mt: 1 }}>
            {hook.events.map((type) => (
              <OutlinedChip key={type} label={type} size="small" />
            ))}
          </Stack>
          <Typography variant="body2" color="textSecondary" sx={{ mt: 0.5 }}>
            Added <RelativeTime iso={hook.createdAt} />
          </Typography>
        </Box>
        <div>
          <Button color="error" size="small" onClick={onDelete} aria-label={`Delete webhook ${name}`}>
            Delete
          </Button>
        </div>
      </Stack>
      {error && <Alert severity="error">{error.message}</Alert>}
      {redeliver.error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {redeliver.error.message}
        </Alert>
      )}
      <TableContainer>
        <Table size="small" aria-label={`Deliveries to ${name}`} sx={{ "& th, & td": { px: { xs: 1, sm: 2 } } }}>
          <TableHead>
            <TableRow>
              <TableCell sx={hideOnPhones}>Event</TableCell>
              <TableCell>Request</TableCell>
              <TableCell>Status</TableCell>
              <TableCell sx={hideOnPhones}>Answer</TableCell>
              <TableCell sx={hideOnPhones}>When</TableCell>
              <TableCell align="right">
                <Box component="span" sx={visuallyHidden}>
                  Actions
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {deliveries.map((d) => (
              <TableRow key={d.id}>
                <TableCell sx={{ ...eventType, ...hideOnPhones }}>{d.type}</TableCell>
                <TableCell sx={{ whiteSpace: "nowrap" }}>
                  <Link component={NextLink} href={`/requests/${d.request}`}>
                    {d.request}
                  </Link>
                  {/* Phones have no Event column: the type goes under the request. */}
                  <Box component="span" sx={{ ...eventType, display: { xs: "block", sm: "none" } }}>
                    {d.type.replace("request.", "")}
                  </Box>
                </TableCell>
                <TableCell>
                  <DeliveryState delivery={d} />
                  {/* Phones have no Answer column: the status code goes under the state. */}
                  <Box component="span" sx={{ display: { xs: "block", sm: "none" }, fontSize: "0.8rem", mt: 0.5, whiteSpace: "nowrap" }}>
                    {answer(d)}
                  </Box>
                </TableCell>
                <TableCell sx={{ overflowWrap: "anywhere", minWidth: 80, ...hideOnPhones }}>
                  {answer(d)}
                  {d.error && d.statusCode === null && (
                    <Typography component="span" variant="body2" color="textSecondary" sx={{ display: "block" }}>
                      {d.error}
                    </Typography>
                  )}
                  {d.attempts > 1 && (
                    <Typography component="span" variant="body2" color="textSecondary" sx={{ display: "block" }}>
                      {d.attempts} attempts
                    </Typography>
                  )}
                </TableCell>
                <TableCell sx={{ whiteSpace: "nowrap", ...hideOnPhones }}>{d.attemptedAt ? <RelativeTime iso={d.attemptedAt} /> : "—"}</TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    disabled={redeliver.isPending && redeliver.variables?.id === d.id}
                    onClick={() => redeliver.mutate(d)}
                    aria-label={`Redeliver ${d.type} of ${d.request}`}
                  >
                    Redeliver
                  </Button>
                </TableCell>
              </TableRow>
            ))}
            {data && deliveries.length === 0 && <EmptyTableRow colSpan={6}>No deliveries yet: they appear here as requests change.</EmptyTableRow>}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
