// Test data through the real database: users with real password hashes, and valid
// request bodies.
import { hashPassword } from "better-auth/crypto";
import { db } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import type { CreateRequestInput } from "@/lib/schemas/request";

export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;

export async function createUser(id: string, role: Role = "REQUESTER", team = "payments") {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await db.user.create({
    data: { id, name: `User ${id}`, email: `${id}@example.com`, role, team, emailVerified: true },
  });
  await db.account.create({
    data: { id: `acct_${id}`, accountId: id, providerId: "credential", userId: id, password: await passwordHash },
  });
  return user;
}

let counter = 0;

/** A complete, valid body; override what the test is about. */
export function validRequestBody(overrides: Partial<CreateRequestInput> = {}): CreateRequestInput {
  counter += 1;
  return {
    datasetName: `dataset_${counter}_${Math.random().toString(36).slice(2, 8)}`,
    requestType: "NEW",
    ownerTeam: "payments",
    contactEmail: "payments@example.com",
    useCase: "Serve balances to the checkout service by account id.",
    keyFormat: "STRING",
    valueFormat: "JSON",
    ingestion: "ONLINE_WRITES",
    updateFrequency: "REALTIME",
    estimatedSizeGb: 10,
    estimatedKeyCount: 1_000_000,
    readQps: 500,
    writeQps: 50,
    p99LatencyMs: 20,
    regions: ["us-east-1"],
    dataClassification: "INTERNAL",
    backupsEnabled: false,
    priority: "MEDIUM",
    ...overrides,
  };
}
