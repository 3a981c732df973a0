"use client";
// Mutations on one request. Each success refreshes the request's open page (rendered on
// the server) and marks every queue page stale, so the actor's own views change at once.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import { requestKeys } from "@/lib/queries/requests";
import { announceRequestChanged } from "@/lib/queries/request-changes";
import type {
  BulkTransitionBody,
  BulkTransitionResponse,
  BulkUpdateBody,
  BulkUpdateResponse,
  CommentBody,
  CommentDto,
  RequestDetail,
  TransitionBody,
  UpdateCommentBody,
  UpdateRequestBody,
} from "@/lib/schemas/request";

function useOnRequestChanged() {
  const queryClient = useQueryClient();
  return async (number: string) => {
    announceRequestChanged(number);
    await queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
  };
}

export function useUpdateRequest(number: string) {
  const changed = useOnRequestChanged();
  return useMutation({
    mutationFn: (body: UpdateRequestBody) => apiFetch<RequestDetail>(`/api/requests/${number}`, { method: "PATCH", json: body }),
    onSuccess: () => changed(number),
  });
}

export function useTransitionRequest(number: string) {
  const changed = useOnRequestChanged();
  return useMutation({
    mutationFn: (body: TransitionBody) => apiFetch<RequestDetail>(`/api/requests/${number}/transitions`, { method: "POST", json: body }),
    onSuccess: () => changed(number),
  });
}

export function useAddComment(number: string) {
  const changed = useOnRequestChanged();
  return useMutation({
    mutationFn: (body: CommentBody) => apiFetch<CommentDto>(`/api/requests/${number}/comments`, { method: "POST", json: body }),
    onSuccess: () => changed(number),
  });
}

/** The author's edit (body) or deletion (null) of their comment, within 15 minutes of posting. */
export function useChangeComment(number: string, commentId: number) {
  const changed = useOnRequestChanged();
  return useMutation({
    mutationFn: (body: UpdateCommentBody | null) =>
      apiFetch<CommentDto>(`/api/requests/${number}/comments/${commentId}`, body ? { method: "PATCH", json: body } : { method: "DELETE" }),
    onSuccess: () => changed(number),
  });
}

export function useBulkTransition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkTransitionBody) => apiFetch<BulkTransitionResponse>("/api/requests/bulk-transitions", { method: "POST", json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useBulkUpdate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkUpdateBody) => apiFetch<BulkUpdateResponse>("/api/requests/bulk-updates", { method: "POST", json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}
