import type { Config } from "jest";
import nextJest from "next/jest.js";
import { POSTGRES_SUITES } from "./tests/setup/postgres-suites";

const createJestConfig = nextJest({ dir: "./" });

// ESM-only packages that jest (CommonJS) must transform.
const ESM_PACKAGES = [
  "@faker-js/faker",
  "better-auth",
  "@better-auth",
  "better-call",
  "@better-fetch",
  "jose",
  "nanostores",
  "@noble",
  "defu",
  "kysely",
  "rou3",
  "uncrypto",
];

const config: Config = {
  // Route handlers and the data layer run under node; component tests opt into jsdom
  // with a docblock.
  testEnvironment: "node",
  // Typing through whole forms in jsdom on a busy 2-core machine takes seconds.
  testTimeout: 30_000,
  // Every core: each test file has its own database (tests/setup/test-database.ts), and
  // jest's default (cores − 1) ran one worker on the 2-core CI machine (292 s against 153 s).
  maxWorkers: "100%",
  globalSetup: "<rootDir>/tests/setup/global-setup.ts",
  globalTeardown: "<rootDir>/tests/setup/global-teardown.ts",
  setupFiles: ["<rootDir>/tests/setup/test-database.ts"],
  setupFilesAfterEnv: ["<rootDir>/tests/setup/jest-dom.ts", "<rootDir>/tests/setup/close-per-file-resources.ts"],
  // TEST_DATABASE=postgres (npm run test:unit:postgres): the suites that pass on PostgreSQL.
  testMatch:
    process.env.TEST_DATABASE === "postgres" ? POSTGRES_SUITES.map((suite) => `<rootDir>/${suite}`) : ["<rootDir>/{lib,components,tests}/**/*.test.{ts,tsx}"],
  testPathIgnorePatterns: [
    "/node_modules/",
    "<rootDir>/tests/e2e/",
    "<rootDir>/.next/",
    ...(process.env.TEST_DATABASE === "postgres" ? [] : ["\\.pg\\.test\\.ts$"]),
  ],
  moduleNameMapper: {
    // The generated Prisma client imports .mjs runtime files that CommonJS cannot load.
    "^@prisma/client/runtime/(.*)\\.mjs$": "@prisma/client/runtime/$1.js",
    "^@/(.*)$": "<rootDir>/$1",
  },
};

async function jestConfig() {
  const resolved = await createJestConfig(config)();
  return { ...resolved, transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join("|")})/)`] };
}

export default jestConfig;
