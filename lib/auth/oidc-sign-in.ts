// Signing in through the company's OpenID Connect provider, on better-auth's generic
// OAuth plugin: authorization code flow with PKCE, state (better-auth's, bound to a
// cookie) and nonce (bound to the ID token). better-auth verifies the ID token's
// signature, issuer, audience and nonce against the discovery document's keys; the
// claims are checked again here (oidc-claims.ts) before anyone is created or updated.
//
// Role and team are not user input (auth.ts: input: false), so better-auth never copies
// them from a profile. The callback runs inside oidcSignInScope (auth-endpoints.ts):
// validateOidcUser notes who the claims describe, and applyOidcClaims writes role and
// team just before the session is created, at the first sign-in and every later one.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { APIError } from "better-auth/api";
import type { GenericOAuthConfig } from "better-auth/plugins/generic-oauth";
import { db } from "@/lib/db";
import { idTokenProblem, personFromClaims, type ClaimError, type OidcPerson } from "@/lib/auth/oidc-claims";
import { OIDC_PROVIDER_ID, type OidcConfig } from "@/lib/auth/oidc-config";

type Scope = { person?: OidcPerson };

/** One provider callback: who its claims describe, between validation and session. */
export const oidcSignInScope = new AsyncLocalStorage<Scope>();

/** A refusal better-auth answers with; auth-endpoints.ts sends the person to /signin?error=<code>. */
function refuse(error: ClaimError | "unable_to_get_user_info"): never {
  throw new APIError("FORBIDDEN", { code: error, message: error });
}

type Discovery = { issuer?: string; userinfo_endpoint?: string };
let discovery: Promise<Discovery> | undefined;

async function fetchJson(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000), redirect: "error" });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

function providerDiscovery(config: OidcConfig): Promise<Discovery> {
  discovery ??= fetchJson(config.discoveryUrl).catch((error: unknown) => {
    discovery = undefined; // try again at the next sign-in
    throw error;
  });
  return discovery;
}

function claimsOf(idToken: string | undefined): Record<string, unknown> | null {
  if (!idToken) return null;
  // Only read here: better-auth verified the signature before this runs.
  try {
    const payload = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8")) as unknown;
    return payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The ID token's claims with the userinfo endpoint's (providers put groups in one or the
 * other), for the person the ID token names. Any doubt refuses the sign-in.
 */
async function claimsFromProvider(config: OidcConfig, tokens: { idToken?: string; accessToken?: string }): Promise<Record<string, unknown>> {
  // better-auth verified the token's signature and nonce (requireIdTokenVerification);
  // without an ID token there is nothing it verified, so no sign-in.
  const idClaims = claimsOf(tokens.idToken);
  const problem = idTokenProblem(idClaims, config);
  if (problem || !idClaims) refuse(problem ?? "id_token_missing");
  const found = await providerDiscovery(config).catch(() => refuse("unable_to_get_user_info"));
  if (found.issuer !== undefined && found.issuer !== idClaims.iss) refuse("issuer_mismatch");
  if (!found.userinfo_endpoint || !tokens.accessToken) return idClaims;
  const userInfo = await fetchJson(found.userinfo_endpoint, { headers: { Authorization: `Bearer ${tokens.accessToken}` } }).catch(() =>
    refuse("unable_to_get_user_info"),
  );
  if (userInfo.sub !== idClaims.sub) refuse("unable_to_get_user_info");
  // The ID token's iss, aud, exp and nonce are the ones that were checked: they win.
  return { ...userInfo, ...idClaims, ...pick(userInfo, ["email", "email_verified", "name", config.groupsClaim, config.teamClaim]) };
}

function pick(source: Record<string, unknown>, keys: readonly (string | undefined)[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k): k is string => k !== undefined && k in source).map((k) => [k, source[k]]));
}

/** The generic OAuth plugin's provider entry (provider id "oidc"). */
export function oidcProvider(config: OidcConfig): GenericOAuthConfig {
  return {
    providerId: OIDC_PROVIDER_ID,
    name: config.displayName,
    discoveryUrl: config.discoveryUrl,
    // Refuse to run at all unless discovery gives the issuer and keys to verify ID tokens with.
    requireIdTokenVerification: true,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectURI: config.redirectURI,
    scopes: ["openid", "email", "profile"],
    pkce: true,
    async getUserInfo(tokens) {
      const claims = await claimsFromProvider(config, tokens);
      const result = personFromClaims(claims, config);
      if (!result.ok) refuse(result.error);
      return { ...claims, id: String(claims.sub), email: result.person.email, emailVerified: true, name: result.person.name, image: undefined };
    },
  };
}

/**
 * better-auth's user.validateUserInfo: runs with the provider's profile before a user is
 * created, an account linked, or a returning person signed in. Refuses what the claims
 * rule out, and notes who they describe for applyOidcClaims.
 */
export function validateOidcUser(config: OidcConfig | null, source: { oauth?: { providerId: string; profile?: Record<string, unknown> } }) {
  if (!config || source.oauth?.providerId !== OIDC_PROVIDER_ID) return undefined;
  const result = personFromClaims(source.oauth.profile ?? {}, config);
  if (!result.ok) return { error: result.error, errorDescription: result.error };
  const scope = oidcSignInScope.getStore();
  if (scope) scope.person = result.person;
  return undefined;
}

/** databaseHooks.session.create.before: role and team from the claims of this sign-in, before its session exists. */
export async function applyOidcClaims(userId: string): Promise<void> {
  const person = oidcSignInScope.getStore()?.person;
  if (!person) return;
  const data = { ...(person.role ? { role: person.role } : {}), ...(person.team ? { team: person.team } : {}) };
  if (Object.keys(data).length === 0) return;
  await db.user.updateMany({ where: { id: userId, email: person.email }, data });
}
