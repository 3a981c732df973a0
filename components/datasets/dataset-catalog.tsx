"use client";
// The dataset catalog: search, filters, sort and page live in the URL and are answered
// by the database (the page re-renders on the server), so it stays fast at 100,000
// datasets; export takes the same view as CSV or JSON.
import { useEffect, useState, useTransition } from "react";
import NextLink from "next/link";
import { usePathname, useRouter } from "next/navigation";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
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
import { DATA_CLASSIFICATIONS, KEY_FORMATS, LABELS, REGIONS, VALUE_FORMATS } from "@/lib/domain/requests/options";
import { DATASET_STATUSES, DATASET_STATUS_LABELS } from "@/lib/domain/datasets/options";
import type { DatasetListResponse, DatasetSortField } from "@/lib/schemas/dataset";
import { formatStorage } from "@/lib/format/units";
import { RelativeTime } from "@/components/requests/relative-time";
import { EmptyTableRow } from "@/components/layout/empty-table-row";
import { DatasetStatusChip } from "@/components/datasets/dataset-status-chip";
import { DatasetName } from "@/components/layout/dataset-name";

export type CatalogView = {
  q: string;
  status: string;
  team: string;
  region: string;
  classification: string;
  keyFormat: string;
  valueFormat: string;
  sort: DatasetSortField;
  order: "asc" | "desc";
};
const FILTERS = ["status", "team", "region", "classification", "keyFormat", "valueFormat"] as const;

const COLUMNS: { field: DatasetSortField | null; label: string; phones: boolean }[] = [
  { field: "name", label: "Dataset", phones: true },
  { field: "ownerTeam", label: "Team", phones: false },
  { field: "status", label: "Status", phones: true },
  { field: null, label: "Regions", phones: false },
  { field: "estimatedSizeGb", label: "Size", phones: false },
  { field: "updatedAt", label: "Last change", phones: false },
];

/** The view → its query string (defaults left out, so URLs stay short). */
export function catalogParams(view: CatalogView, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  for (const f of FILTERS) if (view[f]) params.set(f, view[f]);
  if (view.sort !== "name") params.set("sort", view.sort);
  if (view.order !== "asc") params.set("order", view.order);
  if (page > 1) params.set("page", String(page));
  return params;
}

const filterChoices: Record<
  Exclude<(typeof FILTERS)[number], "team">,
  { label: string; any: string; values: readonly string[]; text: (v: string) => string }
> = {
  status: { label: "Status", any: "Any status", values: DATASET_STATUSES, text: (v) => DATASET_STATUS_LABELS[v as keyof typeof DATASET_STATUS_LABELS] },
  region: { label: "Region", any: "Any region", values: REGIONS, text: (v) => v },
  classification: {
    label: "Classification",
    any: "Any classification",
    values: DATA_CLASSIFICATIONS,
    text: (v) => LABELS.dataClassification[v as keyof typeof LABELS.dataClassification],
  },
  keyFormat: { label: "Key format", any: "Any key format", values: KEY_FORMATS, text: (v) => LABELS.keyFormat[v as keyof typeof LABELS.keyFormat] },
  valueFormat: { label: "Value format", any: "Any value format", values: VALUE_FORMATS, text: (v) => LABELS.valueFormat[v as keyof typeof LABELS.valueFormat] },
};

export function DatasetCatalog({ list, view }: { list: DatasetListResponse; view: CatalogView }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [search, setSearch] = useState(view.q);
  const [team, setTeam] = useState(view.team);

  function go(change: Partial<CatalogView>, page = 1) {
    const qs = catalogParams({ ...view, ...change }, page).toString();
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  }

  // Search and team as people type, once they pause.
  useEffect(() => {
    if (search.trim() === view.q && team.trim() === view.team) return;
    const timer = setTimeout(() => go({ q: search.trim(), team: team.trim() }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, team]);

  const exportHref = (format: "csv" | "json") => {
    const params = catalogParams(view);
    params.set("format", format);
    return `/api/datasets/export?${params}`;
  };

  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ justifyContent: "space-between", alignItems: { sm: "center" } }}>
        <div>
          <Typography variant="h1">Datasets</Typography>
          <Typography color="textSecondary">Every dataset in the KVStore service: born when its request completes.</Typography>
        </div>
        <Stack direction="row" spacing={1}>
          <Button href={exportHref("csv")} variant="outlined" size="small">
            Export CSV
          </Button>
          <Button href={exportHref("json")} variant="outlined" size="small">
            Export JSON
          </Button>
        </Stack>
      </Stack>

      <Paper sx={{ p: 2 }}>
        <Box
          role="search"
          aria-label="Find datasets"
          sx={{ display: "grid", gap: 1.5, gridTemplateColumns: { xs: "1fr", sm: "repeat(2, 1fr)", md: "repeat(4, 1fr)", xl: "2fr repeat(6, 1fr)" } }}
        >
          <TextField
            label="Search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Name, team or use case"
            size="small"
            sx={{ gridColumn: { sm: "1 / -1", md: "span 2", xl: "auto" } }}
            slotProps={{ htmlInput: { maxLength: 200 } }}
          />
          <TextField
            label="Team"
            value={team}
            onChange={(e) => setTeam(e.target.value)}
            size="small"
            sx={{ minWidth: 140 }}
            slotProps={{ htmlInput: { maxLength: 80 } }}
          />
          {(Object.keys(filterChoices) as (keyof typeof filterChoices)[]).map((f) => (
            <TextField
              key={f}
              select
              label={filterChoices[f].label}
              size="small"
              slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
              value={view[f]}
              onChange={(e) => go({ [f]: e.target.value })}
            >
              <MenuItem value="">{filterChoices[f].any}</MenuItem>
              {filterChoices[f].values.map((v) => (
                <MenuItem key={v} value={v}>
                  {filterChoices[f].text(v)}
                </MenuItem>
              ))}
            </TextField>
          ))}
        </Box>
      </Paper>

      <Paper aria-busy={pending}>
        <TableContainer>
          <Table size="small" aria-label="Datasets">
            <TableHead>
              <TableRow>
                {COLUMNS.map((c) => (
                  <TableCell
                    key={c.label}
                    sx={{ display: c.phones ? undefined : { xs: "none", sm: "table-cell" } }}
                    aria-sort={c.field && view.sort === c.field ? (view.order === "asc" ? "ascending" : "descending") : undefined}
                  >
                    {c.field ? (
                      <TableSortLabel
                        active={view.sort === c.field}
                        direction={view.sort === c.field ? view.order : "asc"}
                        onClick={() => go({ sort: c.field!, order: view.sort === c.field && view.order === "asc" ? "desc" : "asc" })}
                      >
                        {c.label}
                      </TableSortLabel>
                    ) : (
                      c.label
                    )}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {list.items.map((d) => (
                <TableRow key={`${d.name}-${d.createdAt}`} hover>
                  <TableCell sx={{ fontFamily: "monospace" }}>
                    <NextLink href={`/datasets/${d.name}`} prefetch={false}>
                      <DatasetName name={d.name} />
                    </NextLink>
                    <Typography variant="body2" color="textSecondary" sx={{ display: { xs: "block", sm: "none" } }}>
                      {d.ownerTeam}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>{d.ownerTeam}</TableCell>
                  <TableCell>
                    <DatasetStatusChip status={d.status} />
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>{d.regions.join(", ")}</TableCell>
                  <TableCell sx={{ display: { xs: "none", sm: "table-cell" }, whiteSpace: "nowrap" }}>{formatStorage(d.estimatedSizeGb)}</TableCell>
                  <TableCell sx={{ display: { xs: "none", sm: "table-cell" }, whiteSpace: "nowrap" }}>
                    <RelativeTime iso={d.updatedAt} />
                  </TableCell>
                </TableRow>
              ))}
              {list.items.length === 0 && <EmptyTableRow colSpan={COLUMNS.length}>No dataset matches.</EmptyTableRow>}
            </TableBody>
          </Table>
        </TableContainer>
        <TablePagination
          component="div"
          count={list.total}
          page={Math.max(0, list.page - 1)}
          rowsPerPage={list.pageSize}
          rowsPerPageOptions={[]}
          onPageChange={(_, page) => go({}, page + 1)}
        />
      </Paper>
    </Stack>
  );
}
