// One insights chart with its text alternatives: a one-sentence summary (the figure's
// caption) and the numbers as a table behind a disclosure. The chart itself is MUI X
// Charts' keyboard-navigable picture (Tab into it, arrows move between values, which
// are announced); the ring shows while focus is inside it.
import type { ReactNode } from "react";
import { QueueCountLink, type CountLink } from "@/components/insights/queue-count-link";
import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";

type Cell = string | number | CountLink;

type Props = {
  id: string;
  title: string;
  summary: string;
  chart: ReactNode;
  table: { columns: string[]; rows: Cell[][] };
};

const formatCell = (cell: Cell) => (typeof cell === "number" ? cell.toLocaleString("en-US") : typeof cell === "string" ? cell : <QueueCountLink {...cell} />);

export function ChartCard({ id, title, summary, chart, table }: Props) {
  return (
    <Paper component="section" aria-labelledby={`${id}-title`} sx={{ p: { xs: 2, sm: 2.5 }, height: "100%" }}>
      <Typography variant="h2" id={`${id}-title`} sx={{ mb: 1 }}>
        {title}
      </Typography>
      <Box component="figure" sx={{ m: 0 }}>
        <Typography component="figcaption" color="textSecondary" sx={{ mb: 1 }}>
          {summary}
        </Typography>
        <Box
          data-focus-ring
          sx={{
            minHeight: 300,
            borderRadius: 1,
            "&:has(:focus-visible)": { outline: "2px solid var(--mui-palette-primary-main)", outlineOffset: 2 },
          }}
        >
          {chart}
        </Box>
      </Box>
      <Box component="details" sx={{ mt: 1, "& > summary": { cursor: "pointer", color: "primary.main", py: 0.5, width: "fit-content" } }}>
        <summary>Show the numbers</summary>
        <Box sx={{ overflowX: "auto" }}>
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                {table.columns.map((c, i) => (
                  <TableCell key={c} align={i === 0 ? "left" : "right"}>
                    {c}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {table.rows.map((row) => (
                <TableRow key={String(row[0])}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <TableCell key={i} component="th" scope="row">
                        {formatCell(cell)}
                      </TableCell>
                    ) : (
                      <TableCell key={i} align="right">
                        {formatCell(cell)}
                      </TableCell>
                    ),
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </Box>
    </Paper>
  );
}
