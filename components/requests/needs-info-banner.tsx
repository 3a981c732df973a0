"use client";
// The storage team's open question on a request in NEEDS_INFO, at the top of the request's
// page and of its edit page. The requester answers with "Reply and resubmit": on the
// request page a link to the edit page, where the reply box (`children`) sits inside.
import type { ReactNode } from "react";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { Question } from "@/lib/domain/requests/needs-info";
import { RelativeTime } from "@/components/requests/relative-time";

type Props = {
  question: Question;
  /** Whose answer it waits for, when that is not the viewer ("Waiting on Alice Chen"). */
  waitingOn?: string;
  /** Under the question: the "Reply and resubmit" link, or the reply box. */
  children?: ReactNode;
};

/** A labelled region, not an alert: it is there when the page loads, nothing to announce. */
export function NeedsInfoBanner({ question, waitingOn, children }: Props) {
  return (
    <Alert severity="warning" component="section" role="region" aria-labelledby="needs-info-title" sx={{ "& .MuiAlert-message": { flex: 1, minWidth: 0 } }}>
      <AlertTitle id="needs-info-title">{waitingOn ? `The storage team asked · waiting on ${waitingOn}` : "The storage team asked you"}</AlertTitle>
      <Box component="blockquote" sx={{ m: 0, whiteSpace: "pre-wrap", wordBreak: "break-word", fontSize: "1rem", color: "text.primary" }}>
        {question.note}
      </Box>
      <Typography variant="body2" color="textSecondary" sx={{ mt: 0.5 }}>
        {question.askedBy.name}, <RelativeTime iso={question.askedAt} />
      </Typography>
      {children}
    </Alert>
  );
}
