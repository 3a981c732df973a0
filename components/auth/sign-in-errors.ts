// /signin?error=<code>: what went wrong with a sign-in through the company's identity
// provider, in a sentence a person can act on. The codes are better-auth's callback
// errors, the provider's own (access_denied, …) and the claim checks (oidc-claims.ts);
// anything else gets the general sentence, never the code or a stack trace.
const AGAIN = "Sign in again.";

const MESSAGES: Record<string, string> = {
  access_denied: "Sign-in was cancelled: KVStore App needs your permission at your identity provider to read your name, email and groups.",
  consent_required: "Sign-in was cancelled: KVStore App needs your permission at your identity provider to read your name, email and groups.",
  login_required: `Your identity provider did not sign you in. ${AGAIN}`,
  interaction_required: `Your identity provider needs you to do something first. ${AGAIN}`,
  email_not_verified: "Your identity provider says your email address is not verified. Verify it there, then sign in again.",
  email_not_found: "Your identity provider did not share your email address, which KVStore App needs. Ask your administrator.",
  issuer_mismatch: `The answer did not come from the identity provider this app trusts, so it was refused. ${AGAIN}`,
  audience_mismatch: `The identity provider's answer was meant for another application, so it was refused. ${AGAIN}`,
  id_token_missing: `The identity provider's answer could not be verified, so it was refused. ${AGAIN}`,
  id_token_expired: `The identity provider's answer had expired. ${AGAIN}`,
  unable_to_get_user_info: `The identity provider's answer could not be verified, so it was refused. ${AGAIN}`,
  invalid_code: `The sign-in code from your identity provider was not accepted (it may have expired or been used already). ${AGAIN}`,
  no_code: `Your identity provider sent no sign-in code. ${AGAIN}`,
  state_not_found: `This sign-in could not be matched to one started here (it may have expired, or been started in another browser). ${AGAIN}`,
  state_mismatch: `This sign-in could not be matched to one started here (it may have expired, or been started in another browser). ${AGAIN}`,
  state_invalid: `This sign-in could not be matched to one started here (it may have expired, or been started in another browser). ${AGAIN}`,
  please_restart_the_process: `This sign-in could not be matched to one started here (it may have expired). ${AGAIN}`,
  invalid_callback_request: `The identity provider's answer was not understood. ${AGAIN}`,
  nonce_binding_missing: `This sign-in could not be matched to one started here. ${AGAIN}`,
  account_not_linked: "An account with your email address already exists and could not be joined to your company sign-in. Ask the storage team.",
  unable_to_link_account: "An account with your email address already exists and could not be joined to your company sign-in. Ask the storage team.",
  signup_disabled: "Your company sign-in worked, but new accounts cannot be created here. Ask the storage team.",
  validation_failed: `Your identity provider's details about you could not be used. ${AGAIN}`,
};

const GENERAL = "Signing in through your identity provider did not work. Try again; if it keeps happening, tell the storage team.";

/** The sentence for an error code from the query string, or null when there is none. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : GENERAL;
}
