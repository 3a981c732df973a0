"use client";
import { useEffect, useRef, useState } from "react";
import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import { LinkButton } from "@/components/layout/link-button";
import { useAddComment, useTransitionRequest, useUpdateRequest } from "@/lib/queries/request-mutations";
import type { RequestDetail, RequestFields } from "@/lib/schemas/request";
import type { Question } from "@/lib/domain/requests/needs-info";
import { RequestForm } from "@/components/requests/request-form";
import { NeedsInfoBanner } from "@/components/requests/needs-info-banner";
import { useLeaveGuard } from "@/components/layout/use-leave-guard";
import { useToast } from "@/components/feedback/toast-provider";

const REPLY_MAX = 4000;

type Props = {
  request: Pick<RequestDetail, "number" | "status" | "version">;
  /**
   * The request's own fields as stored, picked on the server (pickFields): the schemas'
   * module holds zod, which the form loads only when first used, and the history and
   * comments need not cross to the browser (issue #20).
   */
  fields: RequestFields;
  /** The storage team's open question, if any (openQuestion, on the server: it reads the history). */
  question: Question | null;
};

/**
 * The request form over an existing request; saving PATCHes it with the version read.
 * In NEEDS_INFO the storage team's question sits on top with a reply box, and the one
 * submit ("Reply and resubmit") posts the reply as a comment, then saves the edit, which
 * sends the request back to review (with no field changed, an explicit IN_REVIEW move).
 */
export function EditRequest({ request, fields, question }: Props) {
  const update = useUpdateRequest(request.number);
  const comment = useAddComment(request.number);
  const transition = useTransitionRequest(request.number);
  const toast = useToast();
  const [reply, setReply] = useState("");
  const replyRef = useRef<HTMLTextAreaElement>(null);
  // The reply already posted: a retry after a failed save must not post it twice.
  const posted = useRef<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard({
    when: dirty || reply.trim() !== "",
    title: "Discard your changes?",
    message: `Your changes to ${request.number} have not been saved. Leaving discards them.`,
  });

  // "Reply and resubmit" on the request page links to #reply.
  useEffect(() => {
    if (question && window.location.hash === "#reply") replyRef.current?.focus();
  }, [question]);

  const answer = reply.trim();
  const submitLabel = request.status !== "NEEDS_INFO" ? "Save changes" : answer ? "Reply and resubmit" : "Save and resubmit";

  return (
    <>
      {guard.dialog}
      <RequestForm
        existingNeededBy={fields.neededBy}
        defaultValues={fields}
        duplicateCheck={{ exclude: request.number }}
        submitLabel={submitLabel}
        notice={
          question && (
            <NeedsInfoBanner question={question}>
              <Box sx={{ mt: 1.5 }}>
                <TextField
                  id="reply"
                  inputRef={replyRef}
                  label="Your reply"
                  value={reply}
                  onChange={(e) => setReply(e.target.value)}
                  multiline
                  minRows={2}
                  fullWidth
                  error={reply.length > REPLY_MAX}
                  helperText={
                    reply.length > REPLY_MAX
                      ? `Your reply must be at most ${REPLY_MAX.toLocaleString("en-US")} characters`
                      : "Posted as a comment when you resubmit; change any field below too"
                  }
                  sx={{ bgcolor: "background.paper", borderRadius: 1 }}
                />
              </Box>
            </NeedsInfoBanner>
          )
        }
        secondaryAction={<LinkButton href={`/requests/${request.number}`}>Cancel</LinkButton>}
        onSubmit={async (values) => {
          // First the reply, so the request is back in review only with its answer in the discussion.
          if (answer && posted.current !== answer) {
            await comment.mutateAsync({ body: answer });
            posted.current = answer;
          }
          let saved = await update.mutateAsync({ ...values, version: request.version });
          // Nothing changed: the edit leaves it in NEEDS_INFO, so resubmit explicitly.
          if (saved.status === "NEEDS_INFO")
            saved = await transition.mutateAsync({ to: "IN_REVIEW", note: answer ? "Resubmitted with a reply" : null, version: saved.version });
          toast(
            saved.status !== request.status
              ? `${request.number} ${answer ? "answered and sent back for review" : "saved and sent back for review"}`
              : `${request.number} saved`,
          );
          setReply("");
          guard.navigate(`/requests/${request.number}`);
        }}
        onDirtyChange={setDirty}
      />
    </>
  );
}
