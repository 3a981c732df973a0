// The development identity provider the browser tests sign in through (scripts/dev-idp.mjs,
// started by playwright.config.ts beside the app). Its people live in a file the IdP
// re-reads at every sign-in, so a test can change someone's groups between two sign-ins.
import { readFileSync, writeFileSync } from "node:fs";

const APP_PORT = Number(process.env.E2E_PORT ?? 3210);
export const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? APP_PORT + 1);
export const IDP_ISSUER = `http://127.0.0.1:${IDP_PORT}`;
// One file per app port, like the database (scripts/e2e-database.mjs).
export const IDP_PEOPLE_FILE = `.tmp/e2e-idp-people-${APP_PORT}.json`;
export const IDP_DISPLAY_NAME = "Dev IdP";

export type IdpPerson = { email: string; name: string; team?: string; groups?: string[]; email_verified?: boolean };

/** Adds or replaces a person at the IdP; their next sign-in sees it. */
export function putIdpPerson(person: IdpPerson): void {
  const file = JSON.parse(readFileSync(IDP_PEOPLE_FILE, "utf8")) as { people: IdpPerson[] };
  file.people = [...file.people.filter((p) => p.email !== person.email), person];
  writeFileSync(IDP_PEOPLE_FILE, `${JSON.stringify(file, null, 2)}\n`);
}
