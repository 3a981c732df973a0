// A development OpenID Connect provider on loopback, for trying company sign-in locally
// and for the browser tests (tests/e2e/sso.spec.ts). Built on oidc-provider (the
// certified library), with its own small login and consent pages: the login checks the
// password, the consent page can be refused (error=access_denied).
//
//   npm run idp                                   # http://127.0.0.1:3999, for an app on :3000
//   npm run idp -- --port 3998 --redirect http://localhost:3600/api/auth/oauth2/callback/oidc
//   npm run idp -- --people .tmp/idp-people.json  # people from a file, re-read at every sign-in
//
// Options: --port (3999), --host (127.0.0.1), --issuer (http://127.0.0.1:<port>),
// --redirect (the app's redirect URI; repeatable), --client-id (kvstore-app),
// --client-secret, --people <file> (or IDP_PEOPLE_FILE). A people file that does not
// exist yet is written with the demo people; edit it (groups, team, email_verified)
// between sign-ins and the next sign-in sees the change.
//
// oidc-provider 9 asks for Node 22 and prints "Unsupported runtime" on Node 20: it works.
// Development only: keys and sessions live in memory, the client secret is well known.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import Provider from "oidc-provider";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.IDP_PORT ?? "3999" },
    host: { type: "string", default: "127.0.0.1" },
    issuer: { type: "string" },
    redirect: { type: "string", multiple: true },
    "client-id": { type: "string", default: "kvstore-app" },
    "client-secret": { type: "string", default: "kvstore-dev-idp-secret-not-for-production" },
    people: { type: "string", default: process.env.IDP_PEOPLE_FILE },
  },
});

const port = Number(values.port);
const issuer = (values.issuer ?? `http://127.0.0.1:${port}`).replace(/\/$/, "");
const redirectUris = values.redirect ?? ["http://localhost:3000/api/auth/oauth2/callback/oidc"];
const PASSWORD = "kvstore-demo";

/** The demo people (as prisma/seed.ts has them) and one who has no account yet. */
const DEMO_PEOPLE = [
  { email: "alice@example.com", name: "Alice Requester", team: "payments", groups: ["engineering"] },
  { email: "bob@example.com", name: "Bob Requester", team: "search", groups: ["engineering"] },
  { email: "admin@example.com", name: "Admin Storage", team: "storage", groups: ["engineering", "kv-admins"] },
  { email: "ops@example.com", name: "Ops Storage", team: "storage", groups: ["engineering", "kv-admins"] },
  { email: "new.person@example.com", name: "New Person", team: "data-platform", groups: ["engineering"] },
];

if (values.people && !existsSync(values.people)) {
  mkdirSync(dirname(values.people), { recursive: true });
  writeFileSync(values.people, `${JSON.stringify({ people: DEMO_PEOPLE }, null, 2)}\n`);
}

/** The people, read afresh at every sign-in and every claims request. */
function people() {
  if (!values.people) return DEMO_PEOPLE;
  const parsed = JSON.parse(readFileSync(values.people, "utf8"));
  return Array.isArray(parsed) ? parsed : parsed.people;
}

const findPerson = (email) => people().find((p) => p.email.toLowerCase() === String(email).trim().toLowerCase());

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: values["client-id"],
      client_secret: values["client-secret"],
      client_name: "KVStore App",
      redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "dev-idp", use: "sig", alg: "RS256" }] },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups", "team"] },
  async findAccount(ctx, sub) {
    if (!findPerson(sub)) return undefined;
    return {
      accountId: sub,
      async claims() {
        const p = findPerson(sub) ?? {};
        return { sub, email: p.email, email_verified: p.email_verified ?? true, name: p.name, groups: p.groups ?? [], team: p.team };
      },
    };
  },
  renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = page("Sign-in error", `<p role="alert">${escape(out.error_description ?? out.error)}</p>`);
  },
});
provider.proxy = false;

function escape(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(title)} · Dev IdP</title>
<style>body{font:16px system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}
input{width:100%;padding:.5rem;box-sizing:border-box}button{margin:1rem .5rem 0 0;padding:.5rem 1rem}[role=alert]{color:#b00020}</style></head>
<body><p><strong>Dev IdP</strong> (development identity provider, not for production)</p><h1>${escape(title)}</h1>${body}</body></html>`;
}

function loginPage(uid, { email = "", error } = {}) {
  return page(
    "Sign in",
    `${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${uid}/login">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" value="${escape(email)}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>
<p><small>Demo people: alice@, bob@, admin@, ops@, new.person@example.com; password <code>${PASSWORD}</code>.</small></p>`,
  );
}

function consentPage(uid, clientName, scopes) {
  return page(
    "Allow access?",
    `<p><strong>${escape(clientName)}</strong> asks to read: ${escape(scopes.join(", ") || "your sign-in")}.</p>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Deny</button></form>`,
  );
}

async function readForm(req) {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error("form too large");
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function send(res, status, html) {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(html);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page("Sign-in error", `<p role="alert">This sign-in page has expired. Start again from the app.</p>`));
  const { prompt, params } = details;
  if (req.method === "GET" && !action) {
    if (prompt.name === "login") return send(res, 200, loginPage(uid, { email: params.login_hint }));
    const client = await provider.Client.find(params.client_id);
    const scopes = [...new Set([...(prompt.details.missingOIDCScope ?? []), ...(prompt.details.missingOIDCClaims ?? [])])].filter((s) => s !== "openid");
    return send(res, 200, consentPage(uid, client?.clientName ?? params.client_id, scopes));
  }
  if (req.method !== "POST") return send(res, 405, page("Sign-in error", "<p>Method not allowed.</p>"));
  if (action === "abort") {
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The person refused to share their account." },
      { mergeWithLastSubmission: false },
    );
  }
  if (action === "login" && prompt.name === "login") {
    const form = await readForm(req);
    const person = findPerson(form.email ?? "");
    if (!person || form.password !== (person.password ?? PASSWORD))
      return send(res, 200, loginPage(uid, { email: form.email, error: "Wrong email or password." }));
    return provider.interactionFinished(req, res, { login: { accountId: person.email } }, { mergeWithLastSubmission: false });
  }
  if (action === "confirm" && prompt.name === "consent") {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    if (prompt.details.missingResourceScopes) {
      for (const [indicator, scope] of Object.entries(prompt.details.missingResourceScopes)) grant.addResourceScope(indicator, scope.join(" "));
    }
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }
  return send(res, 400, page("Sign-in error", `<p role="alert">This step does not fit the sign-in. Start again from the app.</p>`));
}

const oidc = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(new URL(req.url ?? "/", issuer).pathname);
  if (!match) return oidc(req, res);
  interaction(req, res, match[1], match[2]).catch((error) => {
    if (!res.headersSent) send(res, 400, page("Sign-in error", `<p role="alert">${escape(error.message)}. Start again from the app.</p>`));
  });
});

server.listen(port, values.host, () => {
  console.log(`Dev IdP (OpenID Connect) on ${issuer}; people: ${values.people ?? "the demo people"} (password ${PASSWORD})`);
  console.log(`Redirect URI${redirectUris.length > 1 ? "s" : ""} registered: ${redirectUris.join(", ")}`);
  console.log("Set these for the app (.env), then restart it:");
  console.log(`OIDC_ISSUER=${issuer}`);
  console.log(`OIDC_CLIENT_ID=${values["client-id"]}`);
  console.log(`OIDC_CLIENT_SECRET=${values["client-secret"]}`);
  console.log(`OIDC_DISPLAY_NAME="Dev IdP"`);
  console.log("OIDC_ADMIN_GROUPS=kv-admins");
  console.log("OIDC_TEAM_CLAIM=team");
  console.log("# PASSWORD_SIGN_IN=on   (keeps the demo's password form beside the SSO button)");
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
