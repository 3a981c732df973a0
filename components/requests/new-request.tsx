"use client";
// Submitting a new request: the form, a draft that survives a reload, and on success
// the new request's page with the queue already holding it.
import { useCallback, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import type { SessionUser } from "@/lib/auth/roles";
import { createRequest, requestKeys } from "@/lib/queries/requests";
import { RequestForm, type RequestFormValues } from "@/components/requests/request-form";
import { useDraft } from "@/components/requests/use-draft";

export function NewRequest({ user }: { user: SessionUser }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const draft = useDraft<Partial<RequestFormValues>>(`kvstore:draft:new-request:${user.id}`);
  const [formKey, setFormKey] = useState(0);

  const blank = useMemo<Partial<RequestFormValues>>(
    () => ({ ownerTeam: user.team ?? "", contactEmail: user.email, regions: [], backupsEnabled: false }),
    [user],
  );

  const mutation = useMutation({
    mutationFn: createRequest,
    onSuccess: async (created) => {
      draft.clear();
      queryClient.setQueryData(requestKeys.detail(created.number), created);
      // Every cached queue page is stale now; open queues refetch at once.
      await queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
      router.push(`/requests/${created.number}`);
    },
  });

  const onValuesChange = useCallback((values: Partial<RequestFormValues>) => draft.save(values), [draft]);

  if (!draft.loaded) return null;

  return (
    <RequestForm
      key={formKey}
      defaultValues={draft.initial ?? blank}
      onSubmit={async (values) => {
        await mutation.mutateAsync(values);
      }}
      onValuesChange={onValuesChange}
      notice={
        draft.initial && (
          <Alert
            severity="info"
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  draft.clear();
                  setFormKey((k) => k + 1);
                }}
              >
                Start over
              </Button>
            }
          >
            Your unsent draft was restored.
          </Alert>
        )
      }
    />
  );
}
