"use client";
// The request form: every field of PRODUCT.md, validated in the browser by the same
// zod schema the server enforces. Errors show under a field once it is left, and as a
// summary on submit; the server's verdict (e.g. a taken name) lands on the same fields.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Controller, useForm, useWatch, type Control, type FieldErrors, type FieldPath } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import CircularProgress from "@mui/material/CircularProgress";
import FormControl from "@mui/material/FormControl";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import FormHelperText from "@mui/material/FormHelperText";
import FormLabel from "@mui/material/FormLabel";
import Grid from "@mui/material/Grid";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Switch from "@mui/material/Switch";
import TextField, { type TextFieldProps } from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import {
  DATA_CLASSIFICATIONS,
  INGESTION_MODES,
  KEY_FORMATS,
  LABELS,
  PRIORITIES,
  REGIONS,
  REQUEST_TYPES,
  SOURCE_SYSTEMS,
  UPDATE_FREQUENCIES,
  VALUE_FORMATS,
} from "@/lib/domain/requests/options";
import { FIELD_LABELS } from "@/lib/domain/requests/field-labels";
import { createRequestBodySchema, type CreateRequestBody, type CreateRequestInput, type RequestFormSchema } from "@/lib/schemas/request";
import { ApiClientError } from "@/lib/queries/api-client";
import { estimateCapacity } from "@/lib/domain/capacity/estimate";
import { CapacityEstimate } from "@/components/capacity/capacity-estimate";
import { SimilarRequests } from "@/components/requests/similar-requests";

export type RequestFormValues = CreateRequestInput;
type Name = FieldPath<RequestFormValues>;

type Props = {
  defaultValues: Partial<RequestFormValues>;
  onSubmit: (values: CreateRequestBody) => Promise<void>;
  /** Called with the raw values as they change (drafts). */
  onValuesChange?: (values: Partial<RequestFormValues>) => void;
  /** Called when the values start or stop differing from the defaults (leave prompts). */
  onDirtyChange?: (dirty: boolean) => void;
  submitLabel?: string;
  /** Shown above the form, e.g. "draft restored". */
  notice?: ReactNode;
  /** Next to the submit button, e.g. a Cancel link. */
  secondaryAction?: ReactNode;
  /** The new-request schema by default; edits relax the needed-by rule for an old date. */
  schema?: RequestFormSchema;
  /** Look up possible duplicates as the name and location are typed (leaving out `exclude`). */
  duplicateCheck?: { exclude?: string };
};

const fieldId = (name: string) => `field-${name}`;

// Inputs hold text; the schema wants numbers, or nothing for an empty box.
const toNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));
const toOptionalChoice = (v: unknown) => (v === "" || v === null ? undefined : v);
const toDigits = (v: unknown) => (typeof v === "string" ? v.replace(/[\s,_]/g, "") || undefined : v);

export function RequestForm({
  defaultValues,
  onSubmit,
  onValuesChange,
  onDirtyChange,
  submitLabel = "Submit request",
  notice,
  secondaryAction,
  schema = createRequestBodySchema,
  duplicateCheck,
}: Props) {
  const form = useForm<RequestFormValues, unknown, CreateRequestBody>({
    resolver: zodResolver(schema),
    defaultValues,
    mode: "onTouched",
    // The summary takes focus instead; it links to each field.
    shouldFocusError: false,
  });
  const { register, control, handleSubmit, watch, setError, formState } = form;
  const { errors, isSubmitting, submitCount, isDirty } = formState;
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // A ref, not state: it flips synchronously, so a fast double click cannot send twice.
  const sending = useRef(false);

  useEffect(() => {
    if (!onValuesChange) return;
    // watch's subscription is react-hook-form's own way to follow values; the React
    // Compiler (which this rule guards) is not enabled in this app.
    // eslint-disable-next-line react-hooks/incompatible-library
    const sub = watch((values) => onValuesChange(values as Partial<RequestFormValues>));
    return () => sub.unsubscribe();
  }, [watch, onValuesChange]);

  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);

  const requestType = watch("requestType");
  const valueFormat = watch("valueFormat");
  const ingestion = watch("ingestion");
  const backupsEnabled = watch("backupsEnabled");

  async function submit(values: CreateRequestBody) {
    if (sending.current) return;
    sending.current = true;
    setServerMessage(null);
    try {
      await onSubmit(values);
    } catch (error) {
      if (error instanceof ApiClientError) {
        for (const d of error.details) {
          if (d.path in FIELD_LABELS) setError(d.path as Name, { type: "server", message: d.message });
        }
        setServerMessage(error.message);
      } else {
        setServerMessage("Submitting failed. Your answers are still here; try again.");
      }
      focusSummary();
    } finally {
      sending.current = false;
    }
  }

  /** After the summary renders, move focus to it (which also scrolls it into view). */
  function focusSummary() {
    setTimeout(() => summaryRef.current?.focus(), 0);
  }

  function onInvalid() {
    setServerMessage(null);
    focusSummary();
  }

  type FieldOptions = { hint?: string; setValueAs?: (v: unknown) => unknown; shouldUnregister?: boolean };

  /** Props for a text box bound to the form, with its error in place of the hint. */
  function text(name: Name, { hint, setValueAs, shouldUnregister }: FieldOptions = {}): TextFieldProps {
    // Fields shown only for some answers (e.g. source system) drop their value when hidden.
    const { ref, ...rest } = register(name, { setValueAs, shouldUnregister });
    const message = errors[name as keyof FieldErrors<RequestFormValues>]?.message;
    return {
      ...rest,
      inputRef: ref,
      id: fieldId(name),
      label: FIELD_LABELS[name as keyof typeof FIELD_LABELS],
      error: Boolean(message),
      helperText: (message as string | undefined) ?? hint,
    };
  }

  function select(
    name: Name,
    options: readonly string[],
    labels: Record<string, string>,
    { placeholder = "Choose…", required = true, ...fieldOptions }: FieldOptions & { placeholder?: string; required?: boolean } = {},
  ) {
    // Required selects carry the same mark (asterisk, `required`) as required text boxes.
    return (
      <TextField
        {...text(name, { ...fieldOptions, setValueAs: toOptionalChoice })}
        required={required}
        select
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o]}
          </option>
        ))}
      </TextField>
    );
  }

  const errorList = Object.entries(errors).filter(([, e]) => e?.message) as [Name, { message: string }][];

  return (
    <Box component="form" onSubmit={handleSubmit(submit, onInvalid)} noValidate aria-label="Dataset request">
      <Stack spacing={2.5}>
        {notice}
        {(serverMessage || (submitCount > 0 && errorList.length > 0)) && (
          <Alert severity="error" ref={summaryRef} tabIndex={-1} role="alert">
            <Typography sx={{ fontWeight: 500 }}>
              {serverMessage ?? `Fix ${errorList.length === 1 ? "this field" : `these ${errorList.length} fields`} before submitting:`}
            </Typography>
            {errorList.length > 0 && (
              <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                {errorList.map(([name, e]) => {
                  const label: string = FIELD_LABELS[name as keyof typeof FIELD_LABELS];
                  // Messages name their field; where one starts with it, the label is the link.
                  const rest = e.message.startsWith(label) ? e.message.slice(label.length) : `: ${e.message}`;
                  return (
                    <li key={name}>
                      <Link href={`#${fieldId(name)}`} color="inherit">
                        {label}
                      </Link>
                      {rest}
                    </li>
                  );
                })}
              </Box>
            )}
          </Alert>
        )}

        <Section title="Dataset">
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField {...text("datasetName", { hint: "Lowercase letters, digits and _, 3–63 characters, starting with a letter" })} required />
            {duplicateCheck && <SimilarRequests control={control} kind="name" exclude={duplicateCheck.exclude} />}
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>{select("requestType", REQUEST_TYPES, LABELS.requestType)}</Grid>
          {requestType === "MIGRATION" && (
            <Grid size={{ xs: 12, sm: 6, md: 3 }}>
              {select("sourceSystem", SOURCE_SYSTEMS, LABELS.sourceSystem, { hint: "The legacy store it moves off", shouldUnregister: true })}
            </Grid>
          )}
        </Section>

        <Section title="Ownership">
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField {...text("ownerTeam", { hint: "The team that owns the data" })} required />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField {...text("contactEmail", { hint: "Who the storage team should talk to" })} type="email" required />
          </Grid>
          <Grid size={12}>
            <TextField {...text("useCase", { hint: "What the dataset serves and who reads it (20–4,000 characters)" })} multiline minRows={3} required />
          </Grid>
        </Section>

        <Section title="Data shape">
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>{select("keyFormat", KEY_FORMATS, LABELS.keyFormat)}</Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <TextField {...text("keyExample", { hint: "Optional, e.g. user:12345" })} />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>{select("valueFormat", VALUE_FORMATS, LABELS.valueFormat)}</Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <TextField
              {...text("valueSchema", {
                hint: valueFormat === "THRIFT" || valueFormat === "PROTOBUF" ? "Required: the struct or message name" : "Optional",
              })}
              required={valueFormat === "THRIFT" || valueFormat === "PROTOBUF"}
            />
          </Grid>
        </Section>

        <Section title="Traffic and storage">
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>{select("ingestion", INGESTION_MODES, LABELS.ingestion)}</Grid>
          <Grid size={{ xs: 12, sm: 6, md: 6 }}>
            <TextField
              {...text("sourceLocation", { hint: ingestion === "BATCH" ? "Required: s3://, gs://, hdfs:// URI or db.table" : "Optional" })}
              required={ingestion === "BATCH"}
            />
            {duplicateCheck && <SimilarRequests control={control} kind="location" exclude={duplicateCheck.exclude} />}
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>{select("updateFrequency", UPDATE_FREQUENCIES, LABELS.updateFrequency)}</Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <TextField
              {...text("estimatedSizeGb", { hint: "Total, before replication", setValueAs: toNumber })}
              type="number"
              slotProps={{ htmlInput: { min: 0, step: "any" } }}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <TextField
              {...text("estimatedKeyCount", { hint: "Whole number, e.g. 250000000", setValueAs: toDigits })}
              slotProps={{ htmlInput: { inputMode: "numeric" } }}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <TextField {...text("readQps", { setValueAs: toNumber })} type="number" slotProps={{ htmlInput: { min: 0, step: 1 } }} required />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <TextField {...text("writeQps", { setValueAs: toNumber })} type="number" slotProps={{ htmlInput: { min: 0, step: 1 } }} required />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <TextField
              {...text("p99LatencyMs", { hint: "1–10,000", setValueAs: toNumber })}
              type="number"
              slotProps={{ htmlInput: { min: 1, max: 10000, step: 1 } }}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <TextField
              {...text("ttlDays", { hint: "Empty keeps data forever", setValueAs: toNumber })}
              type="number"
              slotProps={{ htmlInput: { min: 1, step: 1 } }}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <Controller
              control={control}
              name="regions"
              render={({ field, fieldState }) => (
                <FormControl component="fieldset" error={Boolean(fieldState.error)} id={fieldId("regions")} tabIndex={-1} required>
                  <FormLabel component="legend">{FIELD_LABELS.regions}</FormLabel>
                  <FormGroup row>
                    {REGIONS.map((region) => {
                      const selected = field.value ?? [];
                      return (
                        <FormControlLabel
                          key={region}
                          label={region}
                          control={
                            <Checkbox
                              size="small"
                              checked={selected.includes(region)}
                              onChange={(e) => field.onChange(e.target.checked ? [...selected, region] : selected.filter((r) => r !== region))}
                              onBlur={field.onBlur}
                            />
                          }
                        />
                      );
                    })}
                  </FormGroup>
                  <FormHelperText>{fieldState.error?.message ?? "Where readers are; each region holds a full copy"}</FormHelperText>
                </FormControl>
              )}
            />
          </Grid>
          <Grid size={12}>
            <LiveCapacityEstimate control={control} />
          </Grid>
        </Section>

        <Section title="Operations">
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>{select("dataClassification", DATA_CLASSIFICATIONS, LABELS.dataClassification)}</Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <Controller
              control={control}
              name="backupsEnabled"
              render={({ field }) => (
                <FormControlLabel
                  sx={{ mt: 0.5 }}
                  label={FIELD_LABELS.backupsEnabled}
                  control={<Switch checked={field.value === true} onChange={(e) => field.onChange(e.target.checked)} onBlur={field.onBlur} />}
                />
              )}
            />
          </Grid>
          {backupsEnabled && (
            <Grid size={{ xs: 12, sm: 6, md: 3 }}>
              <TextField
                {...text("backupRetentionDays", { hint: "1–365 days", setValueAs: toNumber, shouldUnregister: true })}
                type="number"
                slotProps={{ htmlInput: { min: 1, max: 365, step: 1 } }}
                required
              />
            </Grid>
          )}
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <TextField {...text("neededBy", { hint: "Optional" })} type="date" slotProps={{ inputLabel: { shrink: true } }} />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            {select("priority", PRIORITIES, LABELS.priority, {
              hint: "Your proposal; the storage team decides",
              placeholder: "Medium (default)",
              required: false,
            })}
          </Grid>
        </Section>

        <Box sx={{ display: "flex", justifyContent: "flex-end", gap: 2 }}>
          {secondaryAction}
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={isSubmitting}
            startIcon={isSubmitting ? <CircularProgress size={18} color="inherit" aria-hidden /> : undefined}
          >
            {submitLabel}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

const CAPACITY_FIELDS = ["estimatedSizeGb", "estimatedKeyCount", "readQps", "writeQps", "p99LatencyMs", "regions"] as const;

/** The estimate as the user types; only this panel re-renders on those fields. */
function LiveCapacityEstimate({ control }: { control: Control<RequestFormValues, unknown, CreateRequestBody> }) {
  const values = useWatch({ control, name: CAPACITY_FIELDS });
  const estimate = estimateCapacity(Object.fromEntries(CAPACITY_FIELDS.map((f, i) => [f, values[i]])));
  return <CapacityEstimate estimate={estimate} linkToFields />;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <Paper component="section" aria-labelledby={id} sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h2" id={id} sx={{ mb: 2 }}>
        {title}
      </Typography>
      <Grid container spacing={2}>
        {children}
      </Grid>
    </Paper>
  );
}
