// The storage team's open question on a request in NEEDS_INFO, at the top of the request's
// page and of its edit page. The requester answers with "Reply and resubmit": on the
// request page a link to the edit page, where the reply box (`children`) sits inside.
// A static alert (no client code of its own): the request page renders it on the server.
import type { ReactNode } from "react";
import type { Question } from "@/lib/domain/requests/needs-info";
import { RelativeTime } from "@/components/requests/relative-time";
import { StaticAlert } from "@/components/layout/static-alert";
import ui from "@/components/layout/static-page.module.css";

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
    <StaticAlert
      as="section"
      severity="warning"
      role="region"
      aria-labelledby="needs-info-title"
      titleId="needs-info-title"
      title={waitingOn ? `The storage team asked · waiting on ${waitingOn}` : "The storage team asked you"}
      fill
    >
      <blockquote style={{ margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-word", fontSize: "1rem", color: "var(--mui-palette-text-primary)" }}>
        {question.note}
      </blockquote>
      <p className={`${ui.body2} ${ui.secondary}`} style={{ marginTop: 4 }}>
        {question.askedBy.name}, <RelativeTime iso={question.askedAt} />
      </p>
      {children}
    </StaticAlert>
  );
}
