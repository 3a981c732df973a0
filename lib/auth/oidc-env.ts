// The rules the OIDC variables follow together (lib/env.ts applies them at start). Pure,
// so the environment rules are tested without a server.

/** Without all three there is no company sign-in; with some of them, a mistake. */
export const OIDC_CLIENT_VARIABLES = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
/** Only meaningful with the three above. */
export const OIDC_OPTIONAL_VARIABLES = ["OIDC_DISPLAY_NAME", "OIDC_GROUPS_CLAIM", "OIDC_ADMIN_GROUPS", "OIDC_TEAM_CLAIM"] as const;

type OidcVariables = Partial<Record<(typeof OIDC_CLIENT_VARIABLES)[number] | (typeof OIDC_OPTIONAL_VARIABLES)[number], string | undefined>> & {
  PASSWORD_SIGN_IN?: "on" | "off" | undefined;
};

function list(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** One sentence naming what is missing, or null when the OIDC variables make sense together. */
export function oidcConfigProblem(e: OidcVariables): string | null {
  const set = [...OIDC_CLIENT_VARIABLES, ...OIDC_OPTIONAL_VARIABLES].filter((name) => e[name] !== undefined);
  const missing = OIDC_CLIENT_VARIABLES.filter((name) => e[name] === undefined);
  if (set.length > 0 && missing.length > 0) {
    return `OIDC is half-configured: ${list(set)} ${set.length === 1 ? "is" : "are"} set but ${list(missing)} ${missing.length === 1 ? "is" : "are"} missing (set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET to turn on company sign-in, or none of the OIDC_ variables)`;
  }
  if (e.PASSWORD_SIGN_IN === "off" && missing.length > 0) {
    return "PASSWORD_SIGN_IN=off leaves nobody a way to sign in: configure OIDC (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET) or set PASSWORD_SIGN_IN=on";
  }
  return null;
}

/** PASSWORD_SIGN_IN's default: on for the demo (no OIDC), off once the company's provider is configured. */
export function passwordSignInFrom(e: OidcVariables): boolean {
  if (e.PASSWORD_SIGN_IN) return e.PASSWORD_SIGN_IN === "on";
  return OIDC_CLIENT_VARIABLES.some((name) => e[name] === undefined);
}

/** "kv-admins, storage-oncall" → ["kv-admins", "storage-oncall"]. */
export function parseGroupList(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? "")
        .split(",")
        .map((g) => g.trim())
        .filter(Boolean),
    ),
  ];
}
