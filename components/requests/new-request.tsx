"use client";
// Submitting a new request: the form, a draft that survives a reload, and on success
// the new request's page with the queue already holding it.
import { useCallback, useMemo, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SessionUser } from "@/lib/auth/roles";
import { createRequest, requestKeys } from "@/lib/queries/requests";
import { RequestForm, type RequestFormValues } from "@/components/requests/request-form";
import { useDraft } from "@/components/requests/use-draft";
import { useLeaveGuard } from "@/components/layout/use-leave-guard";
import { useToast } from "@/components/feedback/toast-provider";
import { StaticAlert } from "@/components/layout/static-alert";
import { StaticButton } from "@/components/layout/static-button";

/** `prefill`: a change or decommission of a dataset, starting from its current metadata (its own draft). */
export function NewRequest({ user, prefill }: { user: SessionUser; prefill?: Partial<RequestFormValues> }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const draftKey = prefill ? `:${prefill.requestType}:${prefill.datasetName}` : "";
  const draft = useDraft<Partial<RequestFormValues>>(`kvstore:draft:new-request:${user.id}${draftKey}`);
  const [formKey, setFormKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  // An unsent request (typed now, or a restored draft) asks before the page is left.
  const guard = useLeaveGuard({
    when: dirty || Boolean(draft.initial),
    title: "Leave without sending?",
    message: "Your request has not been sent. Its draft stays saved in this browser, so you can finish it later.",
  });

  const blank = useMemo<Partial<RequestFormValues>>(
    () => prefill ?? { ownerTeam: user.team ?? "", contactEmail: user.email, regions: [], backupsEnabled: false },
    [user, prefill],
  );

  const mutation = useMutation({
    mutationFn: createRequest,
    onSuccess: async (created) => {
      draft.clear();
      // Every cached queue page is stale now; open queues refetch at once.
      await queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
      toast(`Request ${created.number} submitted`);
      guard.navigate(`/requests/${created.number}`);
    },
  });

  const onValuesChange = useCallback((values: Partial<RequestFormValues>) => draft.save(values), [draft]);

  if (!draft.loaded) return null;

  return (
    <>
      {guard.dialog}
      <RequestForm
        key={formKey}
        defaultValues={draft.initial ?? blank}
        onSubmit={async (values) => {
          await mutation.mutateAsync(values);
        }}
        onValuesChange={onValuesChange}
        onDirtyChange={setDirty}
        // A change names its own dataset: no look-alike hints.
        duplicateCheck={prefill ? undefined : {}}
        notice={
          draft.initial && (
            <StaticAlert
              severity="info"
              action={
                <StaticButton
                  color="inherit"
                  size="small"
                  onClick={() => {
                    draft.clear();
                    setFormKey((k) => k + 1);
                  }}
                >
                  Start over
                </StaticButton>
              }
            >
              Your unsent draft was restored.
            </StaticAlert>
          )
        }
      />
    </>
  );
}
