// The guard that keeps webhooks out of the company network, as deployed (no
// WEBHOOK_ALLOW_PRIVATE): literal addresses of every kind, a host name that resolves to
// loopback (localhost), the API's 400 on "url", and the check again at delivery time,
// when the endpoint's host has come to resolve to a private address since.
import { call, signIn } from "@/tests/helpers/http";
import { createUser, TEST_PASSWORD } from "@/tests/helpers/fixtures";
import { startReceiver } from "@/tests/helpers/receiver";
import { db } from "@/lib/db";
import { isForbiddenAddress, resolveWebhookUrl } from "@/lib/webhooks/address-guard";
import { deliverWebhook } from "@/lib/webhooks/webhook-channel";
import * as webhooksRoute from "@/app/api/webhooks/route";

afterAll(() => db.$disconnect());

describe("isForbiddenAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.1.2.3",
    "::ffff:169.254.169.254",
    "0:0:0:0:0:ffff:c0a8:0101",
    "::127.0.0.1",
    "64:ff9b::a00:1",
    "2002:7f00:1::",
    "2001:db8::1",
  ])("refuses %s", (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::"])(
    "allows the public %s",
    (address) => expect(isForbiddenAddress(address)).toBe(false),
  );
});

describe("resolveWebhookUrl", () => {
  const deployed = { allowPrivate: false };
  const refused = async (url: string) => {
    try {
      await resolveWebhookUrl(url, deployed);
    } catch (error) {
      return (error as Error).message;
    }
    return "allowed";
  };

  it("refuses literal private addresses, IPv4 and IPv6, and IPv4 inside IPv6", async () => {
    expect(await refused("https://127.0.0.1/hook")).toMatch(/points at 127\.0\.0\.1, a loopback, link-local or private address/);
    expect(await refused("https://10.0.0.8:8443/hook")).toMatch(/points at 10\.0\.0\.8/);
    expect(await refused("https://169.254.169.254/latest/meta-data")).toMatch(/points at 169\.254\.169\.254/);
    expect(await refused("https://[::1]/hook")).toMatch(/points at ::1/);
    expect(await refused("https://[::ffff:127.0.0.1]/hook")).toMatch(/points at ::ffff:7f00:1/);
    expect(await refused("https://[fe80::1]/hook")).toMatch(/points at fe80::1/);
    // Other spellings of 127.0.0.1, which URL parsing turns into the dotted form.
    expect(await refused("https://2130706433/hook")).toMatch(/points at 127\.0\.0\.1/);
    expect(await refused("https://0x7f.1/hook")).toMatch(/points at 127\.0\.0\.1/);
  });

  it("refuses a host name that resolves to loopback", async () => {
    expect(await refused("https://localhost/hook")).toMatch(/points at (127\.0\.0\.1|::1), a loopback/);
  });

  it("refuses plain http, credentials and hosts that do not resolve; allows a public https address", async () => {
    expect(await refused("http://93.184.216.34/hook")).toBe("The URL must start with https://");
    expect(await refused("https://bot:pw@93.184.216.34/hook")).toBe("The URL must not contain a user name or password");
    expect(await refused("https://nothing-here.invalid/")).toBe("The host nothing-here.invalid does not resolve");
    expect(await resolveWebhookUrl("https://93.184.216.34/hook", deployed)).toMatchObject({ addresses: [{ address: "93.184.216.34", family: 4 }] });
  });

  it("with allowPrivate, takes loopback over http (the tests' receivers)", async () => {
    expect((await resolveWebhookUrl("http://localhost:3949/hook", { allowPrivate: true })).addresses.length).toBeGreaterThan(0);
  });
});

describe("the API and the deliverer", () => {
  let cookie: string;
  beforeAll(async () => {
    await createUser("admin", "ADMIN", "storage");
    cookie = await signIn("admin@example.com", TEST_PASSWORD);
  });

  it.each([
    ["https://localhost/hook", /points at .*loopback/],
    ["https://192.168.0.10/hook", /points at 192\.168\.0\.10/],
    ["https://[::ffff:10.0.0.1]/hook", /points at ::ffff:a00:1/],
    ["http://93.184.216.34/hook", /must start with https/],
  ])("POST /api/webhooks refuses %s with a 400 on url", async (url, message) => {
    const res = await call(webhooksRoute.POST, "POST", "/api/webhooks", { cookie, body: { url, events: ["request.created"] } });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "url", message: expect.stringMatching(message) }]);
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("checks again at delivery: an endpoint whose host now resolves to loopback gets nothing", async () => {
    const receiver = await startReceiver(3948);
    try {
      // As if its host's DNS had changed since registration: localhost, on the receiver's port.
      const endpoint = await db.webhookEndpoint.create({
        data: { id: "wh_rebound", url: `http://localhost:3948/hook`, events: '["request.created"]', secret: "s", createdById: "admin" },
      });
      const item = {
        id: 1,
        channel: "webhook",
        deliveryId: "evt_x:webhook:wh_rebound",
        requestNumber: 1,
        orderKey: null,
        target: endpoint.id,
        attempts: 1,
        createdAt: "",
      };
      const payload = JSON.stringify({ type: "request.created", createdAt: new Date().toISOString(), request: {} });
      await expect(deliverWebhook({ ...item, payload }, new AbortController().signal, { allowPrivate: false })).rejects.toThrow(
        "The URL must start with https://",
      );
      await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { url: "https://localhost:3948/hook" } });
      await expect(deliverWebhook({ ...item, payload }, new AbortController().signal, { allowPrivate: false })).rejects.toThrow(/loopback/);
      expect(receiver.received).toEqual([]);
      const attempts = await db.webhookAttempt.findMany({ where: { endpointId: endpoint.id } });
      expect(attempts.map((a) => a.statusCode)).toEqual([null, null]);
      // The same endpoint where private addresses are allowed (a lab): delivered.
      await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { url: "http://localhost:3948/hook" } });
      await deliverWebhook({ ...item, payload }, new AbortController().signal, { allowPrivate: true });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
