// Datasets come into being through the workflow: a request walked to COMPLETED by an admin.
import { createRequest } from "@/lib/data/requests/create-request";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { applyTransition } from "@/lib/data/requests/transition-request";
import type { SessionUser } from "@/lib/auth/roles";
import { createRequestBodySchema, type CreateRequestInput, type RequestDetail } from "@/lib/schemas/request";
import { validRequestBody } from "@/tests/helpers/fixtures";

/** Moves a request through review, approval and provisioning to COMPLETED. */
export async function completeRequest(admin: SessionUser, number: string): Promise<RequestDetail> {
  let current = await getRequestByNumber(number);
  for (const to of ["IN_REVIEW", "APPROVED", "PROVISIONING", "COMPLETED"] as const) {
    if (current.status === "COMPLETED") break;
    current = await applyTransition(admin, current, to, null, current.version);
  }
  return current;
}

/** A request by `requester`, completed by `admin`: a live dataset. */
export async function createDataset(requester: SessionUser, admin: SessionUser, overrides: Partial<CreateRequestInput> = {}) {
  const created = await createRequest(requester, createRequestBodySchema.parse(validRequestBody(overrides)));
  return completeRequest(admin, created.number);
}
