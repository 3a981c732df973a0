// The app's one Prisma client (a singleton, also across dev hot reloads).
import "server-only";
import { env } from "@/lib/env";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-prisma-client";

const globalForDb = globalThis as unknown as { kvstoreDb?: PrismaClient };

export const db: PrismaClient = globalForDb.kvstoreDb ?? createPrismaClient(env().DATABASE_URL, { mustExist: true });
globalForDb.kvstoreDb = db;
