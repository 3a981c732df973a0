"use client";
// Bulk import: choose a file, check it (upload progress, then a report per row), then
// import every row or only the valid ones, or nothing.
import { useMemo, useRef, useState, type ChangeEvent } from "react";
import NextLink from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TablePagination from "@mui/material/TablePagination";
import TableRow from "@mui/material/TableRow";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Typography from "@mui/material/Typography";
import UploadFileIcon from "@mui/icons-material/UploadFile";
import { ApiClientError } from "@/lib/queries/api-client";
import { uploadImport, type UploadProgress } from "@/lib/queries/import";
import { requestKeys } from "@/lib/queries/requests";
import { EmptyTableRow } from "@/components/layout/empty-table-row";
import {
  IMPORT_COLUMNS,
  IMPORT_ENCODING,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportMode,
  type ImportReport,
  type ImportRowReport,
} from "@/lib/schemas/import";

const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(`${IMPORT_COLUMNS.join(",")}\n`)}`;
const OUTCOME_LABEL: Record<ImportRowReport["outcome"], string> = { valid: "Valid", imported: "Imported", invalid: "Invalid", duplicate: "Duplicate" };
const OUTCOME_COLOR = { valid: "success", imported: "success", invalid: "error", duplicate: "warning" } as const;
const PAGE_SIZE = 50;

function formatSize(bytes: number) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

export function ImportRequests() {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState<ImportMode | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiClientError | null>(null);
  const [problemsOnly, setProblemsOnly] = useState(true);
  const [page, setPage] = useState(0);

  function choose(e: ChangeEvent<HTMLInputElement>) {
    const chosen = e.target.files?.[0] ?? null;
    e.target.value = "";
    setReport(null);
    setError(null);
    setPage(0);
    if (chosen && chosen.size > IMPORT_MAX_BYTES) {
      setFile(null);
      setError(
        new ApiClientError(
          413,
          "PAYLOAD_TOO_LARGE",
          `${chosen.name} is ${formatSize(chosen.size)}; files up to ${formatSize(IMPORT_MAX_BYTES)} can be imported. Split it into smaller files.`,
        ),
      );
      return;
    }
    setFile(chosen);
  }

  async function run(mode: ImportMode) {
    if (!file) return;
    setBusy(mode);
    setError(null);
    try {
      const result = await uploadImport(file, mode, setProgress);
      setReport(result);
      setPage(0);
      if (result.imported > 0) await queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
    } catch (e) {
      setError(e instanceof ApiClientError ? e : new ApiClientError(0, "UNKNOWN", "The import failed."));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  const problems = report ? report.invalid + report.duplicates : 0;
  const done = report !== null && report.mode !== "validate";
  const rows = useMemo(
    () => (report ? (problemsOnly ? report.rows.filter((r) => r.outcome === "invalid" || r.outcome === "duplicate") : report.rows) : []),
    [report, problemsOnly],
  );

  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h2" gutterBottom>
          1. Choose a file
        </Typography>
        <Typography variant="body2" color="textSecondary" sx={{ mb: 1.5 }}>
          CSV with a header row of field names (
          <Link href={TEMPLATE_HREF} download="kvstore-import-template.csv">
            download a template
          </Link>
          ): regions separated by <code>;</code> or <code>|</code>, <code>true</code>/<code>false</code> for backups, an empty cell for “not given”. Or JSON: an
          array of requests as the API takes them. Saved as {IMPORT_ENCODING} (in a spreadsheet: “CSV UTF-8”), up to {formatSize(IMPORT_MAX_BYTES)} and{" "}
          {IMPORT_MAX_ROWS.toLocaleString("en-US")} requests per file.
        </Typography>
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1.5} sx={{ alignItems: { sm: "center" } }}>
          <input ref={input} type="file" accept=".csv,.json,text/csv,application/json" hidden onChange={choose} aria-label="Import file" />
          <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => input.current?.click()} disabled={busy !== null}>
            Choose file
          </Button>
          <Typography sx={{ wordBreak: "break-all" }} color={file ? "text.primary" : "text.secondary"}>
            {file ? `${file.name} (${formatSize(file.size)})` : "No file chosen"}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <Button variant="contained" onClick={() => run("validate")} disabled={!file || busy !== null}>
            Check file
          </Button>
        </Stack>
        {progress && <ProgressLine progress={progress} importing={busy !== "validate"} />}
      </Paper>

      {error && (
        <Alert severity="error">
          <AlertTitle>{error.message}</AlertTitle>
          {error.details.length > 0 && (
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {error.details.slice(0, 20).map((d, i) => (
                <li key={i}>
                  <code>{d.path}</code>: {d.message}
                </li>
              ))}
              {error.details.length > 20 && <li>and {error.details.length - 20} more</li>}
            </Box>
          )}
        </Alert>
      )}

      {report && (
        <Paper sx={{ p: 2 }}>
          <Typography variant="h2" gutterBottom>
            {done ? "Result" : "2. Check the report"}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1, mb: 2 }} aria-label="Summary">
            <Chip label={`${report.total.toLocaleString("en-US")} rows`} />
            <Chip color="success" variant="outlined" label={`${report.valid.toLocaleString("en-US")} valid`} />
            <Chip color="error" variant="outlined" label={`${report.invalid.toLocaleString("en-US")} invalid`} />
            <Chip color="warning" variant="outlined" label={`${report.duplicates.toLocaleString("en-US")} duplicates`} />
            {done && <Chip color="success" label={`${report.imported.toLocaleString("en-US")} imported`} />}
          </Stack>

          {done ? (
            <Alert severity={report.imported > 0 ? "success" : "info"} sx={{ mb: 2 }}>
              {report.imported > 0
                ? `Imported ${report.imported.toLocaleString("en-US")} request${report.imported === 1 ? "" : "s"}.`
                : "Nothing was imported."}{" "}
              {problems > 0 && `${problems.toLocaleString("en-US")} row${problems === 1 ? " was" : "s were"} skipped. `}
              <Link component={NextLink} href="/requests?requester=me&sort=number&order=desc">
                See your requests in the queue
              </Link>
            </Alert>
          ) : (
            <Stack spacing={1.5} sx={{ mb: 2 }}>
              <Typography>
                {problems === 0
                  ? `Every row is valid. Import all ${report.total.toLocaleString("en-US")}?`
                  : report.valid === 0
                    ? "No row can be imported. Fix the file and check it again."
                    : `${problems.toLocaleString("en-US")} of ${report.total.toLocaleString("en-US")} rows have problems. Fix the file and check it again, or import the valid rows only.`}
              </Typography>
              <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
                <Button variant="contained" disabled={problems > 0 || busy !== null} onClick={() => run("all-or-nothing")}>
                  Import all {report.total.toLocaleString("en-US")} requests
                </Button>
                {problems > 0 && report.valid > 0 && (
                  <Button variant="outlined" disabled={busy !== null} onClick={() => run("valid-only")}>
                    Import {report.valid.toLocaleString("en-US")} valid, skip {problems.toLocaleString("en-US")}
                  </Button>
                )}
              </Stack>
            </Stack>
          )}

          <ToggleButtonGroup
            exclusive
            size="small"
            value={problemsOnly ? "problems" : "all"}
            onChange={(_, v) => v && (setProblemsOnly(v === "problems"), setPage(0))}
            aria-label="Rows to show"
            sx={{ mb: 1 }}
          >
            <ToggleButton value="problems">Problems ({problems.toLocaleString("en-US")})</ToggleButton>
            <ToggleButton value="all">All rows</ToggleButton>
          </ToggleButtonGroup>
          <TableContainer>
            <Table size="small" aria-label="Import report">
              <TableHead>
                <TableRow>
                  <TableCell>Row</TableCell>
                  <TableCell>Dataset and result</TableCell>
                  <TableCell>Problems</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((r) => (
                  <TableRow key={r.row}>
                    <TableCell>{r.row}</TableCell>
                    <TableCell sx={{ minWidth: 110 }}>
                      <Box sx={{ fontFamily: "monospace", overflowWrap: "anywhere", mb: 0.5 }}>{r.datasetName ?? "—"}</Box>
                      <Chip
                        size="small"
                        variant="outlined"
                        color={OUTCOME_COLOR[r.outcome]}
                        label={r.number ? `${OUTCOME_LABEL[r.outcome]} as ${r.number}` : OUTCOME_LABEL[r.outcome]}
                      />
                    </TableCell>
                    <TableCell sx={{ overflowWrap: "anywhere" }}>
                      {r.errors.map((e, i) => (
                        <Typography key={i} variant="body2">
                          {e.path && (
                            <Box component="code" sx={{ mr: 0.5 }}>
                              {e.path}
                            </Box>
                          )}
                          {e.message}
                        </Typography>
                      ))}
                    </TableCell>
                  </TableRow>
                ))}
                {rows.length === 0 && <EmptyTableRow colSpan={3}>No problems.</EmptyTableRow>}
              </TableBody>
            </Table>
          </TableContainer>
          {rows.length > PAGE_SIZE && (
            <TablePagination
              component="div"
              count={rows.length}
              page={page}
              rowsPerPage={PAGE_SIZE}
              rowsPerPageOptions={[PAGE_SIZE]}
              onPageChange={(_, p) => setPage(p)}
            />
          )}
        </Paper>
      )}
    </Stack>
  );
}

function ProgressLine({ progress, importing }: { progress: UploadProgress; importing: boolean }) {
  const label = progress.phase === "uploading" ? `Uploading… ${Math.round(progress.fraction * 100)}%` : importing ? "Importing rows…" : "Checking every row…";
  return (
    <Box sx={{ mt: 2 }} role="status" aria-live="polite">
      <LinearProgress
        variant={progress.phase === "uploading" ? "determinate" : "indeterminate"}
        value={progress.phase === "uploading" ? progress.fraction * 100 : undefined}
        aria-label={label}
      />
      <Typography variant="body2" color="textSecondary" sx={{ mt: 0.5 }}>
        {label}
      </Typography>
    </Box>
  );
}
