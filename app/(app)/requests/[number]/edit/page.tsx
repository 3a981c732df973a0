import type { Metadata } from "next";
import Alert from "@mui/material/Alert";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { requireUser } from "@/lib/auth/current-user";
import { canEditFields } from "@/lib/domain/requests/permissions";
import { LABELS } from "@/lib/domain/requests/options";
import { openQuestion } from "@/lib/domain/requests/needs-info";
import { pickFields } from "@/lib/schemas/request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { loadOr404 } from "@/components/requests/request-page";
import { EditRequest } from "@/components/requests/edit-request";
import { LinkButton } from "@/components/layout/link-button";
import { DatasetName } from "@/components/layout/dataset-name";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Edit ${decodeURIComponent((await params).number).toUpperCase()}` };
}

export default async function EditRequestPage({ params }: Props) {
  const user = await requireUser();
  const number = decodeURIComponent((await params).number);
  const request = await loadOr404(() => getRequestByNumber(number));
  const editable = canEditFields(user, { requesterId: request.requester.id, status: request.status });
  return (
    <Stack spacing={2} sx={{ maxWidth: 1100, mx: "auto" }}>
      <div>
        <Typography variant="h1">
          Edit {request.number}{" "}
          <span style={{ fontFamily: "monospace" }}>
            <DatasetName name={request.datasetName} />
          </span>
        </Typography>
        {request.status === "NEEDS_INFO" && <Typography color="textSecondary">Saving sends the request back to the storage team for review.</Typography>}
      </div>
      {editable ? (
        <EditRequest
          request={{ number: request.number, status: request.status, version: request.version }}
          fields={pickFields(request)}
          question={openQuestion(request)}
        />
      ) : (
        <Alert severity="info" action={<LinkButton href={`/requests/${request.number}`}>Back</LinkButton>}>
          {user.id === request.requester.id
            ? `A request can be edited only while Submitted or Needs info; this one is ${LABELS.status[request.status]}.`
            : "Only the requester can edit this request."}
        </Alert>
      )}
    </Stack>
  );
}
