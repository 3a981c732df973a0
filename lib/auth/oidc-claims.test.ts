import { groupsFrom, idTokenProblem, nameFrom, personFromClaims, readClaim, roleFromGroups, type ClaimSettings } from "./oidc-claims";
import { oidcConfigProblem, parseGroupList, passwordSignInFrom } from "./oidc-env";

const settings: ClaimSettings = {
  issuer: "https://idp.example.com",
  clientId: "kvstore-app",
  groupsClaim: "groups",
  adminGroups: ["kv-admins", "storage-oncall"],
  teamClaim: "team",
};
const person = (claims: Record<string, unknown>, s: Partial<ClaimSettings> = {}) =>
  personFromClaims({ email: "dana@example.com", ...claims }, { ...settings, ...s });

describe("claims → person", () => {
  it("makes a member of an admin group an admin and anyone else a requester", () => {
    expect(person({ groups: ["engineering", "kv-admins"] })).toMatchObject({ ok: true, person: { role: "ADMIN" } });
    expect(person({ groups: ["storage-oncall"] })).toMatchObject({ ok: true, person: { role: "ADMIN" } });
    expect(person({ groups: ["engineering"] })).toMatchObject({ ok: true, person: { role: "REQUESTER" } });
    expect(person({})).toMatchObject({ ok: true, person: { role: "REQUESTER" } });
    expect(person({ groups: "kv-admins" })).toMatchObject({ ok: true, person: { role: "ADMIN" } }); // one group as a string
    expect(person({ groups: ["KV-ADMINS", "kv-admins-old", 7] })).toMatchObject({ ok: true, person: { role: "REQUESTER" } }); // exact names only
  });

  it("leaves roles alone when no admin groups are configured", () => {
    expect(person({ groups: ["kv-admins"] }, { adminGroups: [] })).toMatchObject({ ok: true, person: { role: null } });
    expect(roleFromGroups(["kv-admins"], [])).toBeNull();
  });

  it("reads the groups from another claim, nested ones by a dotted path", () => {
    expect(person({ roles: ["kv-admins"] }, { groupsClaim: "roles" })).toMatchObject({ person: { role: "ADMIN" } });
    expect(person({ realm_access: { roles: ["kv-admins"] } }, { groupsClaim: "realm_access.roles" })).toMatchObject({ person: { role: "ADMIN" } });
    expect(readClaim({ "a.b": 1, a: { b: 2 } }, "a.b")).toBe(1); // an exact name wins
    expect(groupsFrom({ not: "a list" })).toEqual([]);
  });

  it("takes the team from the team claim when configured and present, trimmed and one line", () => {
    expect(person({ team: "  payments " })).toMatchObject({ person: { team: "payments" } });
    expect(person({ team: ["search", "ads"] })).toMatchObject({ person: { team: "search" } });
    expect(person({})).toMatchObject({ person: { team: null } });
    expect(person({ team: "pay\nments" })).toMatchObject({ person: { team: null } });
    expect(person({ team: "x".repeat(81) })).toMatchObject({ person: { team: null } });
    expect(person({ team: "payments" }, { teamClaim: undefined })).toMatchObject({ person: { team: null } });
    expect(person({ department: "storage" }, { teamClaim: "department" })).toMatchObject({ person: { team: "storage" } });
  });

  it("refuses an email the provider says is unverified, and a missing email", () => {
    expect(person({ email_verified: false })).toEqual({ ok: false, error: "email_not_verified" });
    expect(person({ email_verified: "false" })).toEqual({ ok: false, error: "email_not_verified" });
    expect(person({ email_verified: true })).toMatchObject({ ok: true });
    expect(person({})).toMatchObject({ ok: true }); // a provider that does not say vouches for its directory
    expect(personFromClaims({ sub: "1" }, settings)).toEqual({ ok: false, error: "email_not_found" });
    expect(person({ email: "not an email" })).toEqual({ ok: false, error: "email_not_found" });
    expect(person({ email: " Dana@Example.COM " })).toMatchObject({ person: { email: "dana@example.com" } });
  });

  it("gives every person a name that follows the app's text rules", () => {
    expect(person({ name: "  Dana   Admin " })).toMatchObject({ person: { name: "Dana Admin" } });
    expect(person({ name: "Dana\u0000\u202eAdmin" })).toMatchObject({ person: { name: "Dana Admin" } });
    expect(nameFrom({ given_name: "Dana", family_name: "Ng" }, "d@example.com")).toBe("Dana Ng");
    expect(nameFrom({ preferred_username: "dng" }, "d@example.com")).toBe("dng");
    expect(nameFrom({ name: "   " }, "dana.ng@example.com")).toBe("dana.ng");
    const long = nameFrom({ name: "😀".repeat(150) }, "d@example.com");
    expect(Array.from(long)).toHaveLength(100);
    expect(long.isWellFormed()).toBe(true);
    expect(nameFrom({ name: "\ud800 lone" }, "d@example.com")).toBe("d"); // not well-formed: the email's local part
  });
});

describe("ID token claims", () => {
  const now = Date.parse("2026-12-01T12:00:00Z");
  const claims = { iss: "https://idp.example.com", aud: "kvstore-app", sub: "u1", exp: now / 1000 + 300 };
  it("accepts a token from our issuer, for us, not expired", () => {
    expect(idTokenProblem(claims, settings, now)).toBeNull();
    expect(idTokenProblem({ ...claims, iss: "https://idp.example.com/" }, settings, now)).toBeNull();
    expect(idTokenProblem({ ...claims, aud: ["kvstore-app", "other"], azp: "kvstore-app" }, settings, now)).toBeNull();
  });
  it("refuses another issuer, another audience, an expired or missing token", () => {
    expect(idTokenProblem({ ...claims, iss: "https://evil.example" }, settings, now)).toBe("issuer_mismatch");
    expect(idTokenProblem({ ...claims, aud: "other-app" }, settings, now)).toBe("audience_mismatch");
    expect(idTokenProblem({ ...claims, aud: ["kvstore-app", "other"], azp: "other" }, settings, now)).toBe("audience_mismatch");
    expect(idTokenProblem({ ...claims, exp: now / 1000 - 60 }, settings, now)).toBe("id_token_expired");
    expect(idTokenProblem(null, settings, now)).toBe("id_token_missing");
    expect(idTokenProblem({ ...claims, sub: "" }, settings, now)).toBe("id_token_missing");
  });
});

describe("environment rules", () => {
  const full = { OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "kvstore-app", OIDC_CLIENT_SECRET: "s3cret" };
  it("names what a half-configured OIDC is missing", () => {
    expect(oidcConfigProblem({ OIDC_ISSUER: full.OIDC_ISSUER })).toMatch(
      /^OIDC is half-configured: OIDC_ISSUER is set but OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are missing/,
    );
    expect(oidcConfigProblem({ ...full, OIDC_CLIENT_SECRET: undefined })).toMatch(/OIDC_ISSUER and OIDC_CLIENT_ID are set but OIDC_CLIENT_SECRET is missing/);
    expect(oidcConfigProblem({ OIDC_ADMIN_GROUPS: "kv-admins" })).toMatch(
      /OIDC_ADMIN_GROUPS is set but OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are missing/,
    );
    expect(oidcConfigProblem(full)).toBeNull();
    expect(oidcConfigProblem({})).toBeNull();
  });
  it("refuses PASSWORD_SIGN_IN=off without OIDC: nobody could sign in", () => {
    expect(oidcConfigProblem({ PASSWORD_SIGN_IN: "off" })).toMatch(/^PASSWORD_SIGN_IN=off leaves nobody a way to sign in/);
    expect(oidcConfigProblem({ ...full, PASSWORD_SIGN_IN: "off" })).toBeNull();
  });
  it("turns password sign-in on by default without OIDC and off with it", () => {
    expect(passwordSignInFrom({})).toBe(true);
    expect(passwordSignInFrom(full)).toBe(false);
    expect(passwordSignInFrom({ ...full, PASSWORD_SIGN_IN: "on" })).toBe(true);
    expect(passwordSignInFrom({ PASSWORD_SIGN_IN: "on" })).toBe(true);
  });
  it("reads the admin groups as a comma-separated list", () => {
    expect(parseGroupList(" kv-admins, storage-oncall ,,kv-admins")).toEqual(["kv-admins", "storage-oncall"]);
    expect(parseGroupList(undefined)).toEqual([]);
  });
});
