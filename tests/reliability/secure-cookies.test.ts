// Behind HTTPS (BETTER_AUTH_URL=https://…) the session cookie is Secure as well as
// httpOnly and SameSite; over plain http (local use) it cannot be.
// Set before any app module reads the environment (hence the dynamic imports below).
process.env.BETTER_AUTH_URL = "https://kvstore.example.com";

it("sets a Secure, httpOnly, SameSite session cookie behind HTTPS", async () => {
  const { createUser, TEST_PASSWORD } = await import("@/tests/helpers/fixtures");
  const { POST } = await import("@/app/api/auth/[...all]/route");
  await createUser("secure", "REQUESTER");
  const res = await POST(
    new Request("https://kvstore.example.com/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://kvstore.example.com" },
      body: JSON.stringify({ email: "secure@example.com", password: TEST_PASSWORD }),
    }),
  );
  expect(res.status).toBe(200);
  const session = res.headers.getSetCookie().find((c) => /session_token=/.test(c));
  expect(session).toBeDefined();
  expect(session).toMatch(/; Secure/i);
  expect(session).toMatch(/; HttpOnly/i);
  expect(session).toMatch(/; SameSite=Lax/i);
  // An http origin is not trusted once the app lives at https.
  const cross = await POST(
    new Request("https://kvstore.example.com/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ email: "secure@example.com", password: TEST_PASSWORD }),
    }),
  );
  expect(cross.status).toBe(403);
});
