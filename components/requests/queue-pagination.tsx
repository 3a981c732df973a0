"use client";
// The queue's pager, laid out like MUI's TablePagination ("Rows per page", "1–25 of
// 1000", previous and next) with a native select for the page size: TablePagination's
// own Select brings Menu, Popover and Modal into the first load (BENCHMARKS.md).
import { useId } from "react";
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import NativeSelect from "@mui/material/NativeSelect";
import Typography from "@mui/material/Typography";
import KeyboardArrowLeft from "@mui/icons-material/KeyboardArrowLeft";
import KeyboardArrowRight from "@mui/icons-material/KeyboardArrowRight";

type Props = {
  count: number;
  /** There are at least `count` rows (a broad search stops counting): "of more than", and no end. */
  countIsLowerBound?: boolean;
  /** Zero-based, as in TablePagination. */
  page: number;
  rowsPerPage: number;
  rowsPerPageOptions: number[];
  onPageChange: (page: number) => void;
  onRowsPerPageChange: (rowsPerPage: number) => void;
};

export function QueuePagination({ count, countIsLowerBound = false, page, rowsPerPage, rowsPerPageOptions, onPageChange, onRowsPerPageChange }: Props) {
  const id = useId();
  const from = count === 0 ? 0 : page * rowsPerPage + 1;
  const to = Math.min(count, (page + 1) * rowsPerPage);
  // A lower bound counts at least one row past this page, so the next page exists.
  const lastPage = countIsLowerBound ? page + 1 : Math.max(0, Math.ceil(count / rowsPerPage) - 1);
  const of = countIsLowerBound ? `more than ${count - 1}` : `${count}`;
  return (
    <Box sx={{ display: "flex", alignItems: "center", justifyContent: "flex-end", flexWrap: "wrap", minHeight: 52, px: 2, gap: { xs: 1, sm: 3 } }}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
        <Typography variant="body2" component="label" htmlFor={id}>
          Rows per page:
        </Typography>
        <NativeSelect id={id} disableUnderline value={rowsPerPage} onChange={(e) => onRowsPerPageChange(Number(e.target.value))} sx={{ fontSize: "0.875rem" }}>
          {rowsPerPageOptions.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </NativeSelect>
      </Box>
      <Typography variant="body2">{`${from}–${to} of ${of}`}</Typography>
      <Box sx={{ display: "flex" }}>
        <IconButton aria-label="Go to previous page" title="Go to previous page" disabled={page === 0} onClick={() => onPageChange(page - 1)} color="inherit">
          <KeyboardArrowLeft />
        </IconButton>
        <IconButton aria-label="Go to next page" title="Go to next page" disabled={page >= lastPage} onClick={() => onPageChange(page + 1)} color="inherit">
          <KeyboardArrowRight />
        </IconButton>
      </Box>
    </Box>
  );
}
