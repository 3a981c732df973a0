// The one row a table shows when it has nothing to list.
import type { ReactNode } from "react";
import TableCell from "@mui/material/TableCell";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";

export function EmptyTableRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <TableRow>
      <TableCell colSpan={colSpan}>
        <Typography color="textSecondary" sx={{ py: 3, textAlign: "center" }}>
          {children}
        </Typography>
      </TableCell>
    </TableRow>
  );
}
