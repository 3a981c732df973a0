// Company sign-in (OpenID Connect) as the environment configures it. Server-only: the
// sign-in page, the auth route and the people page ask here, never process.env.
import "server-only";
import { env, publicBaseUrl } from "@/lib/env";
import { parseGroupList, passwordSignInFrom } from "@/lib/auth/oidc-env";
import type { ClaimSettings } from "@/lib/auth/oidc-claims";

/** better-auth's provider id: the redirect URI to register is <BETTER_AUTH_URL>/api/auth/oauth2/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";
/** Under /api/auth: where the provider sends people back (auth-endpoints.ts hands it to better-auth). */
export const OIDC_CALLBACK_PATH = `/oauth2/callback/${OIDC_PROVIDER_ID}`;

export type OidcConfig = ClaimSettings & {
  clientSecret: string;
  /** "Sign in with <displayName>" */
  displayName: string;
  discoveryUrl: string;
  redirectURI: string;
};

/** The provider's settings, or null when company sign-in is not configured. */
export function oidcConfig(): OidcConfig | null {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    displayName: e.OIDC_DISPLAY_NAME ?? "SSO",
    groupsClaim: e.OIDC_GROUPS_CLAIM ?? "groups",
    adminGroups: parseGroupList(e.OIDC_ADMIN_GROUPS),
    teamClaim: e.OIDC_TEAM_CLAIM,
    discoveryUrl: `${e.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    redirectURI: `${publicBaseUrl()}/api/auth${OIDC_CALLBACK_PATH}`,
  };
}

/**
 * Whether roles come from the identity provider's groups (OIDC_ADMIN_GROUPS): then every
 * sign-in sets the role from the groups, and a role changed by hand lasts until the
 * person's next sign-in. Without OIDC_ADMIN_GROUPS the provider does not touch roles.
 */
export function rolesFromIdentityProvider(): boolean {
  return (oidcConfig()?.adminGroups.length ?? 0) > 0;
}

/** PASSWORD_SIGN_IN: on by default without OIDC (the demo), off by default with it. */
export function passwordSignInEnabled(): boolean {
  return passwordSignInFrom(env());
}
