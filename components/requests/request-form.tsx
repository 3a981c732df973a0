"use client";
// The request form: every field of PRODUCT.md, validated in the browser by the same
// zod schema the server enforces (loaded when the form is first focused or sent:
// request-form-resolver.ts). Errors show under a field once it is left, and as a
// summary on submit; the server's verdict (e.g. a taken name) lands on the same fields.
// Drawn in static CSS around native controls (form-fields.tsx, request-form.module.css):
// MUI's TextField, Grid and Paper were most of the page's start-up on a phone (issue #20).
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Controller, useForm, useWatch, type Control, type FieldErrors, type FieldPath } from "react-hook-form";
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
import type { CreateRequestBody, CreateRequestInput } from "@/lib/schemas/request";
import { loadRequestValidation, requestFormResolver } from "@/components/requests/request-form-resolver";
import { ApiClientError } from "@/lib/queries/api-client";
import { estimateCapacity } from "@/lib/domain/capacity/estimate";
import { CapacityEstimate } from "@/components/capacity/capacity-estimate";
import { SimilarRequests } from "@/components/requests/similar-requests";
import { FormInput, FormSelect, FormTextArea, type BoundField } from "@/components/requests/form-fields";
import { helperId } from "@/components/requests/filter-fields";
import { StaticAlert } from "@/components/layout/static-alert";
import { StaticButton } from "@/components/layout/static-button";
import { StaticCheckbox } from "@/components/layout/static-checkbox";
import { StaticSwitch } from "@/components/layout/static-switch";
import ui from "@/components/layout/static-page.module.css";
import styles from "./request-form.module.css";

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
  /** An edit's current needed-by date: it may stay as it is though it has passed. */
  existingNeededBy?: string | null;
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
  existingNeededBy = null,
  duplicateCheck,
}: Props) {
  const [resolver] = useState(() => requestFormResolver(existingNeededBy));
  const form = useForm<RequestFormValues, unknown, CreateRequestBody>({
    resolver,
    defaultValues,
    mode: "onTouched",
    // The summary takes focus instead; it links to each field.
    shouldFocusError: false,
  });
  const { register, control, handleSubmit, watch, setError, formState } = form;
  const { errors, isSubmitting, submitCount, isDirty } = formState;
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const summaryWanted = useRef(false);
  useEffect(() => {
    if (!summaryWanted.current || !summaryRef.current) return;
    summaryWanted.current = false;
    summaryRef.current.focus();
  });
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

  /**
   * Moves focus to the summary (which also scrolls it into view) once it has rendered:
   * after the render that follows, not a timer, since the first submit may wait for the
   * validation's chunk, and the button, disabled meanwhile, drops focus to the page.
   */
  function focusSummary() {
    summaryWanted.current = true;
  }

  function onInvalid() {
    setServerMessage(null);
    focusSummary();
  }

  type FieldOptions = { hint?: string; setValueAs?: (v: unknown) => unknown; shouldUnregister?: boolean; required?: boolean };

  /** A control bound to the form, with its error in place of the hint. */
  function bind(name: Name, { hint, setValueAs, shouldUnregister, required }: FieldOptions = {}): BoundField {
    // Fields shown only for some answers (e.g. source system) drop their value when hidden.
    const registration = register(name, { setValueAs, shouldUnregister });
    const message = errors[name as keyof FieldErrors<RequestFormValues>]?.message as string | undefined;
    return {
      registration,
      id: fieldId(name),
      label: FIELD_LABELS[name as keyof typeof FIELD_LABELS],
      error: Boolean(message),
      helperText: message ?? hint,
      required,
    };
  }

  function select(
    name: Name,
    options: readonly string[],
    labels: Record<string, string>,
    { placeholder = "Choose…", required = true, ...fieldOptions }: FieldOptions & { placeholder?: string } = {},
  ) {
    // Required selects carry the same mark (asterisk, `required`) as required text boxes.
    return (
      <FormSelect {...bind(name, { ...fieldOptions, required, setValueAs: toOptionalChoice })}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o]}
          </option>
        ))}
      </FormSelect>
    );
  }

  // The fields' errors; `root` is the form's own (its checks could not load).
  const errorList = Object.entries(errors).filter(([name, e]) => name !== "root" && e?.message) as [Name, { message: string }][];
  const formError = errors.root?.message;
  const valueSchemaRequired = valueFormat === "THRIFT" || valueFormat === "PROTOBUF";

  return (
    <form onSubmit={handleSubmit(submit, onInvalid)} onFocus={() => loadRequestValidation().catch(() => {})} noValidate aria-label="Dataset request">
      <div className={styles.body}>
        {notice}
        {(serverMessage || (submitCount > 0 && (errorList.length > 0 || formError))) && (
          <StaticAlert severity="error" ref={summaryRef} tabIndex={-1} role="alert" className={styles.summary}>
            <p className={styles.summaryTitle}>
              {serverMessage ?? formError ?? `Fix ${errorList.length === 1 ? "this field" : `these ${errorList.length} fields`} before submitting:`}
            </p>
            {errorList.length > 0 && (
              <ul className={styles.summaryList}>
                {errorList.map(([name, e]) => {
                  const label: string = FIELD_LABELS[name as keyof typeof FIELD_LABELS];
                  // Messages name their field; where one starts with it, the label is the link.
                  const rest = e.message.startsWith(label) ? e.message.slice(label.length) : `: ${e.message}`;
                  return (
                    <li key={name}>
                      <a href={`#${fieldId(name)}`} className={ui.inheritLink}>
                        {label}
                      </a>
                      {rest}
                    </li>
                  );
                })}
              </ul>
            )}
          </StaticAlert>
        )}

        <Section title="Dataset">
          <Cell md={6}>
            <FormInput {...bind("datasetName", { hint: "Lowercase letters, digits and _, 3–63 characters, starting with a letter", required: true })} />
            {duplicateCheck && <SimilarRequests control={control} kind="name" exclude={duplicateCheck.exclude} />}
          </Cell>
          <Cell sm={6} md={3}>
            {select("requestType", REQUEST_TYPES, LABELS.requestType)}
          </Cell>
          {requestType === "MIGRATION" && (
            <Cell sm={6} md={3}>
              {select("sourceSystem", SOURCE_SYSTEMS, LABELS.sourceSystem, { hint: "The legacy store it moves off", shouldUnregister: true })}
            </Cell>
          )}
        </Section>

        <Section title="Ownership">
          <Cell md={6}>
            <FormInput {...bind("ownerTeam", { hint: "The team that owns the data", required: true })} />
          </Cell>
          <Cell md={6}>
            <FormInput {...bind("contactEmail", { hint: "Who the storage team should talk to", required: true })} type="email" />
          </Cell>
          <Cell>
            <FormTextArea {...bind("useCase", { hint: "What the dataset serves and who reads it (20–4,000 characters)", required: true })} minRows={3} />
          </Cell>
        </Section>

        <Section title="Data shape">
          <Cell sm={6} md={3}>
            {select("keyFormat", KEY_FORMATS, LABELS.keyFormat)}
          </Cell>
          <Cell sm={6} md={3}>
            <FormInput {...bind("keyExample", { hint: "Optional, e.g. user:12345" })} />
          </Cell>
          <Cell sm={6} md={3}>
            {select("valueFormat", VALUE_FORMATS, LABELS.valueFormat)}
          </Cell>
          <Cell sm={6} md={3}>
            <FormInput
              {...bind("valueSchema", {
                hint: valueSchemaRequired ? "Required: the struct or message name" : "Optional",
                required: valueSchemaRequired,
              })}
            />
          </Cell>
        </Section>

        <Section title="Traffic and storage">
          <Cell sm={6} md={3}>
            {select("ingestion", INGESTION_MODES, LABELS.ingestion)}
          </Cell>
          <Cell sm={6} md={6}>
            <FormInput
              {...bind("sourceLocation", {
                hint: ingestion === "BATCH" ? "Required: s3://, gs://, hdfs:// URI or db.table" : "Optional",
                required: ingestion === "BATCH",
              })}
            />
            {duplicateCheck && <SimilarRequests control={control} kind="location" exclude={duplicateCheck.exclude} />}
          </Cell>
          <Cell sm={6} md={3}>
            {select("updateFrequency", UPDATE_FREQUENCIES, LABELS.updateFrequency)}
          </Cell>
          <Cell sm={6} md={3}>
            <FormInput
              {...bind("estimatedSizeGb", { hint: "Total, before replication", setValueAs: toNumber, required: true })}
              type="number"
              min={0}
              step="any"
            />
          </Cell>
          <Cell sm={6} md={3}>
            <FormInput {...bind("estimatedKeyCount", { hint: "Whole number, e.g. 250000000", setValueAs: toDigits, required: true })} inputMode="numeric" />
          </Cell>
          <Cell sm={6} md={3}>
            <FormInput {...bind("readQps", { setValueAs: toNumber, required: true })} type="number" min={0} step={1} />
          </Cell>
          <Cell sm={6} md={3}>
            <FormInput {...bind("writeQps", { setValueAs: toNumber, required: true })} type="number" min={0} step={1} />
          </Cell>
          <Cell sm={6} md={3}>
            <FormInput {...bind("p99LatencyMs", { hint: "1–10,000", setValueAs: toNumber, required: true })} type="number" min={1} max={10000} step={1} />
          </Cell>
          <Cell sm={6} md={3}>
            <FormInput {...bind("ttlDays", { hint: "Empty keeps data forever", setValueAs: toNumber })} type="number" min={1} step={1} />
          </Cell>
          <Cell md={6}>
            <Controller
              control={control}
              name="regions"
              render={({ field, fieldState }) => (
                <fieldset
                  className={styles.choices}
                  data-error={fieldState.error ? "" : undefined}
                  id={fieldId("regions")}
                  tabIndex={-1}
                  aria-describedby={helperId(fieldId("regions"))}
                >
                  <legend className={styles.choicesLabel}>
                    {FIELD_LABELS.regions}
                    <span aria-hidden>{"\u2009*"}</span>
                  </legend>
                  <div className={styles.choiceRow}>
                    {REGIONS.map((region) => {
                      const selected = field.value ?? [];
                      return (
                        <label key={region} className={styles.choice}>
                          <StaticCheckbox
                            size="field"
                            checked={selected.includes(region)}
                            onChange={(checked) => field.onChange(checked ? [...selected, region] : selected.filter((r) => r !== region))}
                            onBlur={field.onBlur}
                          />
                          <span className={ui.body1}>{region}</span>
                        </label>
                      );
                    })}
                  </div>
                  <p id={helperId(fieldId("regions"))} className={styles.choicesHelper}>
                    {fieldState.error?.message ?? "Where readers are; each region holds a full copy"}
                  </p>
                </fieldset>
              )}
            />
          </Cell>
          <Cell>
            <LiveCapacityEstimate control={control} />
          </Cell>
        </Section>

        <Section title="Operations">
          <Cell sm={6} md={3}>
            {select("dataClassification", DATA_CLASSIFICATIONS, LABELS.dataClassification)}
          </Cell>
          <Cell sm={6} md={3}>
            <Controller
              control={control}
              name="backupsEnabled"
              render={({ field }) => (
                <label className={`${styles.choice} ${styles.switchChoice}`}>
                  <StaticSwitch name={field.name} checked={field.value === true} onChange={field.onChange} onBlur={field.onBlur} />
                  <span className={ui.body1}>{FIELD_LABELS.backupsEnabled}</span>
                </label>
              )}
            />
          </Cell>
          {backupsEnabled && (
            <Cell sm={6} md={3}>
              <FormInput
                {...bind("backupRetentionDays", { hint: "1–365 days", setValueAs: toNumber, shouldUnregister: true, required: true })}
                type="number"
                min={1}
                max={365}
                step={1}
              />
            </Cell>
          )}
          <Cell sm={6} md={3}>
            <FormInput {...bind("neededBy", { hint: "Optional" })} type="date" />
          </Cell>
          <Cell sm={6} md={3}>
            {select("priority", PRIORITIES, LABELS.priority, {
              hint: "Your proposal; the storage team decides",
              placeholder: "Medium (default)",
              required: false,
            })}
          </Cell>
        </Section>

        <div className={styles.submitRow}>
          {secondaryAction}
          <StaticButton
            type="submit"
            variant="contained"
            size="large"
            disabled={isSubmitting}
            startIcon={isSubmitting ? <span className={styles.spinner} aria-hidden /> : undefined}
          >
            {submitLabel}
          </StaticButton>
        </div>
      </div>
    </form>
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
    <section aria-labelledby={id} className={`${ui.card} ${styles.section}`}>
      <h2 id={id} className={`${ui.h2} ${styles.sectionTitle}`}>
        {title}
      </h2>
      <div className={styles.grid}>{children}</div>
    </section>
  );
}

/** A cell of the section's 12-column grid: all 12 on phones, `sm` from 600 px, `md` from 900 px (MUI's Grid sizes). */
function Cell({ sm, md, children }: { sm?: 6; md?: 3 | 6; children: ReactNode }) {
  const classes = [styles.cell, sm && styles[`sm${sm}`], md && styles[`md${md}`]].filter(Boolean).join(" ");
  return <div className={classes}>{children}</div>;
}
