"use client";
// What this person may do to this request, and nothing else: the workflow and
// permission tables decide which controls appear; the server checks again. Native
// selects, buttons and alerts in MUI's look (filter-fields, static-*): MUI's TextField,
// Select, Menu and Modal were most of the request page's JavaScript on a phone (issue
// #20); the confirmation dialog loads when a move is chosen.
import { useState } from "react";
import dynamic from "next/dynamic";
import { useQuery } from "@tanstack/react-query";
import type { SessionUser } from "@/lib/auth/roles";
import { LABELS, PRIORITIES } from "@/lib/domain/requests/options";
import { actorsFor, availableActions } from "@/lib/domain/requests/permissions";
import { canOverrideChecklist, openChecklistSteps, type Transition } from "@/lib/domain/requests/workflow";
import { ApiClientError } from "@/lib/queries/api-client";
import { useTransitionRequest, useUpdateRequest } from "@/lib/queries/request-mutations";
import { adminsOptions } from "@/lib/queries/users";
import type { RequestDetail } from "@/lib/schemas/request";
import { StaticAlert } from "@/components/layout/static-alert";
import { StaticButton, StaticLinkButton } from "@/components/layout/static-button";
import { NativeSelectField } from "@/components/requests/filter-fields";
import { transitionLabel } from "@/components/requests/transition-labels";
import { useToast } from "@/components/feedback/toast-provider";
import { useRequestRefresh } from "@/components/requests/request-refresh";
import styles from "./request-actions.module.css";

const TransitionDialog = dynamic(() => import("@/components/requests/transition-dialog").then((m) => m.TransitionDialog));

/**
 * What the controls read of the request. Not its history and comments: every prop of a
 * client component crosses to the browser in the page's payload, and a busy request's
 * activity was most of it (issue #20).
 */
export type ActionsRequest = Pick<
  RequestDetail,
  "number" | "status" | "priority" | "version" | "datasetName" | "assignee" | "requester" | "requestType" | "checklist"
>;

type Props = {
  request: ActionsRequest;
  user: SessionUser;
  /**
   * The requester answers the storage team's question with "Reply and resubmit" (in the
   * question's banner): no second, reply-less "Resubmit" here. Decided on the server,
   * which has the history (answersByReplying).
   */
  replying: boolean;
};

export function RequestActions({ request, user, replying }: Props) {
  const available = availableActions(user, { requesterId: request.requester.id, status: request.status });
  const actions = { ...available, transitions: available.transitions.filter((t) => !(replying && t.to === "IN_REVIEW")) };
  const update = useUpdateRequest(request.number);
  const transition = useTransitionRequest(request.number);
  const admins = useQuery({ ...adminsOptions(), enabled: actions.setAdminFields });
  const [pending, setPending] = useState<Transition | null>(null);
  const toast = useToast();
  // Until the page has been rendered again after a change, `request` holds the old version.
  const { refresh, refreshing } = useRequestRefresh();
  const error = update.error ?? transition.error;
  const isOwner = user.id === request.requester.id;

  const nothingToDo = !actions.setAdminFields && !actions.editFields && actions.transitions.length === 0;
  if (nothingToDo) return null;

  return (
    <div className={styles.actions}>
      {error && (
        <StaticAlert
          role="alert"
          severity={error instanceof ApiClientError && error.code === "STALE_VERSION" ? "warning" : "error"}
          action={
            error instanceof ApiClientError && error.code === "STALE_VERSION" ? (
              <StaticButton
                color="inherit"
                size="small"
                onClick={() => {
                  update.reset();
                  transition.reset();
                  refresh();
                }}
              >
                Reload
              </StaticButton>
            ) : undefined
          }
        >
          {error.message}
        </StaticAlert>
      )}

      {actions.setAdminFields && (
        <div className={styles.adminFields}>
          <NativeSelectField
            label="Assignee"
            value={request.assignee?.id ?? ""}
            disabled={update.isPending || refreshing}
            onChange={(value) =>
              update.mutate(
                { assigneeId: value || null, version: request.version },
                { onSuccess: (r) => toast(r.assignee ? `${r.number} assigned to ${r.assignee.name}` : `${r.number} unassigned`) },
              )
            }
          >
            <option value="">Unassigned</option>
            {/* Keep the current assignee listed even before the team list arrives. */}
            {request.assignee && !admins.data?.items.some((a) => a.id === request.assignee?.id) && (
              <option value={request.assignee.id}>{request.assignee.name}</option>
            )}
            {admins.data?.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id === user.id ? `${a.name} (me)` : a.name}
              </option>
            ))}
          </NativeSelectField>
          <NativeSelectField
            label="Set priority"
            value={request.priority}
            disabled={update.isPending || refreshing}
            onChange={(value) =>
              update.mutate(
                { priority: value as RequestDetail["priority"], version: request.version },
                { onSuccess: (r) => toast(`${r.number} priority set to ${LABELS.priority[r.priority]}`) },
              )
            }
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {LABELS.priority[p]}
              </option>
            ))}
          </NativeSelectField>
        </div>
      )}

      {(actions.editFields || actions.transitions.length > 0) && (
        <div className={styles.buttons}>
          {actions.editFields && (
            <StaticLinkButton href={`/requests/${request.number}/edit`} variant="outlined">
              Edit request
            </StaticLinkButton>
          )}
          {actions.transitions.map((t) => (
            <StaticButton
              key={t.to}
              variant={t.to === "REJECTED" || t.to === "CANCELLED" ? "outlined" : "contained"}
              color={t.to === "REJECTED" || t.to === "CANCELLED" ? "error" : "primary"}
              disabled={transition.isPending || refreshing}
              onClick={() => {
                transition.reset();
                setPending(t);
              }}
            >
              {transitionLabel(request.status, t.to, isOwner)}
            </StaticButton>
          ))}
        </div>
      )}

      {pending && (
        <TransitionDialog
          from={request.status}
          datasetName={request.datasetName}
          openSteps={openChecklistSteps(pending, request)}
          mayOverride={canOverrideChecklist(actorsFor(user, { requesterId: request.requester.id }))}
          transition={pending}
          label={transitionLabel(request.status, pending.to, isOwner)}
          busy={transition.isPending}
          error={transition.error?.message}
          onCancel={() => setPending(null)}
          onConfirm={(note, override) =>
            transition.mutate(
              { to: pending.to, note: note || null, version: request.version, ...(override ? { override: true } : {}) },
              {
                onSuccess: (r) => {
                  setPending(null);
                  toast(`${r.number} moved to ${LABELS.status[r.status]}`);
                },
              },
            )
          }
        />
      )}
    </div>
  );
}
