"use client";
import { useRouter } from "next/navigation";
import { LinkButton } from "@/components/layout/link-button";
import { useUpdateRequest } from "@/lib/queries/request-mutations";
import { pickFields, requestFormSchemaFor, type RequestDetail } from "@/lib/schemas/request";
import { RequestForm } from "@/components/requests/request-form";

/** The request form over an existing request; saving PATCHes it with the version read. */
export function EditRequest({ request }: { request: RequestDetail }) {
  const router = useRouter();
  const update = useUpdateRequest(request.number);
  return (
    <RequestForm
      schema={requestFormSchemaFor(request.neededBy)}
      defaultValues={pickFields(request)}
      submitLabel={request.status === "NEEDS_INFO" ? "Save and resubmit" : "Save changes"}
      secondaryAction={<LinkButton href={`/requests/${request.number}`}>Cancel</LinkButton>}
      onSubmit={async (values) => {
        await update.mutateAsync({ ...values, version: request.version });
        router.push(`/requests/${request.number}`);
      }}
    />
  );
}
