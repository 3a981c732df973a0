// Stand-in until lib/auth/oidc-config.ts (the OIDC sign-in work) exports the real one:
// whether roles come from the identity provider's groups (OIDC_ADMIN_GROUPS), re-read at
// every sign-in. The people page says so when they do.
export const rolesFromIdentityProvider = (): boolean => Boolean(process.env.OIDC_ADMIN_GROUPS);
