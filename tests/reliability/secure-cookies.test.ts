// Behind HTTPS (BETTER_AUTH_URL=https://…) the session cookie is Secure as well as
// httpOnly and SameSite; over plain http (local use) it cannot be.
// Set before any app module reads the environment (hence the dynamic imports below).
process.env.BETTER_AUTH_URL = "https://kvstore.example.com";

/** A sign-in from the given origin, through the real better-auth route. */
async function signInFrom(origin: string) {
  const { POST } = await import("@/app/api/auth/[...all]/route");
  const { TEST_PASSWORD } = await import("@/tests/helpers/fixtures");
  return POST(
    new Request("https://kvstore.example.com/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ email: "secure@example.com", password: TEST_PASSWORD }),
    }),
  );
}

it("sets a Secure, httpOnly, SameSite session cookie behind HTTPS", async () => {
  const { createUser } = await import("@/tests/helpers/fixtures");
  await createUser("secure", "REQUESTER");
  const res = await signInFrom("https://kvstore.example.com");
  expect(res.status).toBe(200);
  const session = res.headers.getSetCookie().find((c) => /session_token=/.test(c));
  expect(session).toBeDefined();
  expect(session).toMatch(/; Secure/i);
  expect(session).toMatch(/; HttpOnly/i);
  expect(session).toMatch(/; SameSite=Lax/i);
  // A sign-in posted from another site is refused.
  expect((await signInFrom("https://evil.example")).status).toBe(403);
});
