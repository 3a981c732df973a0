// From what the company's identity provider says about a person (ID token and userinfo
// claims) to who they are here: email, name, role from groups, team. Pure: the claim
// mapping is tested without a provider (lib/auth/oidc-claims.test.ts).
import { personNameSchema, queryText } from "@/lib/schemas/text-fields";
import type { Role } from "@/lib/auth/roles";

export type ClaimSettings = {
  issuer: string;
  clientId: string;
  /** Claim listing the person's groups; a dotted path ("realm_access.roles") reads a nested one. */
  groupsClaim: string;
  /** Members of one of these are admins, anyone else a requester. Empty: roles are not the provider's business. */
  adminGroups: readonly string[];
  /** Claim naming the person's team, if the company has one. */
  teamClaim?: string | undefined;
};

export type OidcPerson = {
  email: string;
  name: string;
  /** null: the provider does not decide roles (no OIDC_ADMIN_GROUPS); the stored role stays. */
  role: Role | null;
  /** null: no team claim configured or none sent; the stored team stays. */
  team: string | null;
};

/** The codes /signin?error= turns into sentences (components/auth/sign-in-errors.ts). */
export type ClaimError = "issuer_mismatch" | "audience_mismatch" | "id_token_missing" | "id_token_expired" | "email_not_found" | "email_not_verified";

export type ClaimResult = { ok: true; person: OidcPerson } | { ok: false; error: ClaimError };

const CLOCK_TOLERANCE_SECONDS = 30;

/** Issuers compare as URLs do in practice: "https://idp.example/" and "https://idp.example" are one issuer. */
export function sameIssuer(a: unknown, b: string): boolean {
  return typeof a === "string" && a.replace(/\/$/, "") === b.replace(/\/$/, "");
}

/**
 * The ID token's own claims, checked again here whatever the library verified: it came
 * from our issuer, for us (aud, and azp when there are several audiences), and is not
 * expired. The signature and nonce are checked by better-auth against the provider's keys.
 */
export function idTokenProblem(
  claims: Record<string, unknown> | null,
  settings: Pick<ClaimSettings, "issuer" | "clientId">,
  now = Date.now(),
): ClaimError | null {
  if (!claims || typeof claims.sub !== "string" || claims.sub === "") return "id_token_missing";
  if (!sameIssuer(claims.iss, settings.issuer)) return "issuer_mismatch";
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(settings.clientId)) return "audience_mismatch";
  if (audiences.length > 1 && claims.azp !== settings.clientId) return "audience_mismatch";
  if (typeof claims.exp !== "number" || claims.exp + CLOCK_TOLERANCE_SECONDS < now / 1000) return "id_token_expired";
  return null;
}

/** A claim by name, or by dotted path when no claim has that exact name. */
export function readClaim(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Groups arrive as a list of names; some providers send a single name as a string. */
export function groupsFrom(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  return [];
}

export function roleFromGroups(groups: readonly string[], adminGroups: readonly string[]): Role | null {
  if (adminGroups.length === 0) return null;
  return groups.some((g) => adminGroups.includes(g)) ? "ADMIN" : "REQUESTER";
}

const teamSchema = queryText("Team", 1, 80);

function teamFrom(value: unknown): string | null {
  const first = Array.isArray(value) ? value.find((v) => typeof v === "string") : value;
  const parsed = teamSchema.safeParse(first);
  return parsed.success ? parsed.data : null;
}

/** "false" as well as false: some providers send the boolean as a string. */
function saysUnverified(value: unknown): boolean {
  return value === false || (typeof value === "string" && value.trim().toLowerCase() === "false");
}

function cleanName(value: unknown): string | null {
  if (typeof value !== "string") return null;
  // Control and direction-override characters become spaces; the name is cut to 100
  // characters (whole code points, so no half of an emoji is left behind).
  const spaced = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, " ").replace(/\s+/g, " ");
  const cut = Array.from(spaced.trim()).slice(0, 100).join("").trim();
  const parsed = personNameSchema.safeParse(cut);
  return parsed.success ? parsed.data : null;
}

/** The name people see beside requests and comments: the provider's, else the email's local part. */
export function nameFrom(claims: Record<string, unknown>, email: string): string {
  const given = [claims.given_name, claims.family_name].filter((v) => typeof v === "string" && v.trim()).join(" ");
  return cleanName(claims.name) ?? cleanName(given) ?? cleanName(claims.preferred_username) ?? cleanName(email.split("@")[0]) ?? "Unnamed person";
}

/** The person the claims describe, or why they may not sign in. */
export function personFromClaims(claims: Record<string, unknown>, settings: ClaimSettings): ClaimResult {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) return { ok: false, error: "email_not_found" };
  // A provider that does not say (Entra ID often does not) vouches for its own directory;
  // one that says "not verified" is refused: anyone could have typed that address.
  if (saysUnverified(claims.email_verified)) return { ok: false, error: "email_not_verified" };
  return {
    ok: true,
    person: {
      email,
      name: nameFrom(claims, email),
      role: roleFromGroups(groupsFrom(readClaim(claims, settings.groupsClaim)), settings.adminGroups),
      team: settings.teamClaim ? teamFrom(readClaim(claims, settings.teamClaim)) : null,
    },
  };
}
