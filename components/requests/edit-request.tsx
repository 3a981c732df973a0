"use client";
import { useState } from "react";
import { LinkButton } from "@/components/layout/link-button";
import { useUpdateRequest } from "@/lib/queries/request-mutations";
import { pickFields, requestFormSchemaFor, type RequestDetail } from "@/lib/schemas/request";
import { RequestForm } from "@/components/requests/request-form";
import { useLeaveGuard } from "@/components/layout/use-leave-guard";
import { useToast } from "@/components/feedback/toast-provider";

/** The request form over an existing request; saving PATCHes it with the version read. */
export function EditRequest({ request }: { request: RequestDetail }) {
  const update = useUpdateRequest(request.number);
  const toast = useToast();
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard({
    when: dirty,
    title: "Discard your changes?",
    message: `Your changes to ${request.number} have not been saved. Leaving discards them.`,
  });
  return (
    <>
      {guard.dialog}
      <RequestForm
        schema={requestFormSchemaFor(request.neededBy)}
        defaultValues={pickFields(request)}
        duplicateCheck={{ exclude: request.number }}
        submitLabel={request.status === "NEEDS_INFO" ? "Save and resubmit" : "Save changes"}
        secondaryAction={<LinkButton href={`/requests/${request.number}`}>Cancel</LinkButton>}
        onSubmit={async (values) => {
          const saved = await update.mutateAsync({ ...values, version: request.version });
          toast(saved.status !== request.status ? `${request.number} saved and sent back for review` : `${request.number} saved`);
          guard.navigate(`/requests/${request.number}`);
        }}
        onDirtyChange={setDirty}
      />
    </>
  );
}
