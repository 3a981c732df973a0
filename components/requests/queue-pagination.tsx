"use client";
// The queue's pager, laid out like MUI's TablePagination ("Rows per page", "1–25 of
// 1000", previous and next) with a native select for the page size: TablePagination's
// own Select brings Menu, Popover and Modal into the first load (BENCHMARKS.md). The
// select and the buttons are native elements drawn as MUI's (NativeSelect without
// underline, IconButton) by static CSS.
import { useId } from "react";
import ui from "@/components/layout/static-page.module.css";
import { StaticIconButton } from "@/components/layout/static-button";
import { ArrowDropDownIcon, KeyboardArrowLeftIcon, KeyboardArrowRightIcon } from "@/components/layout/static-icons";
import styles from "./queue-pagination.module.css";

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
    <div className={styles.pager}>
      <div className={styles.rowsPerPage}>
        <label className={ui.body2} htmlFor={id}>
          Rows per page:
        </label>
        <div className={styles.box}>
          <select id={id} className={styles.select} value={rowsPerPage} onChange={(e) => onRowsPerPageChange(Number(e.target.value))}>
            {rowsPerPageOptions.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <ArrowDropDownIcon className={styles.arrow} />
        </div>
      </div>
      <p className={ui.body2}>{`${from}–${to} of ${of}`}</p>
      <div className={styles.pageButtons}>
        <StaticIconButton
          aria-label="Go to previous page"
          title="Go to previous page"
          disabled={page === 0}
          onClick={() => onPageChange(page - 1)}
          color="inherit"
        >
          <KeyboardArrowLeftIcon />
        </StaticIconButton>
        <StaticIconButton
          aria-label="Go to next page"
          title="Go to next page"
          disabled={page >= lastPage}
          onClick={() => onPageChange(page + 1)}
          color="inherit"
        >
          <KeyboardArrowRightIcon />
        </StaticIconButton>
      </div>
    </div>
  );
}
