// A real SMTP server on loopback (smtp-server) that keeps every mail it receives, parsed
// by mailparser: what a mail client would see, headers, text and HTML parts.
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export type ReceivedMail = ParsedMail & { envelopeTo: string[] };

/** Accepts `credentials` (when given) over plain loopback, as SMTP_URL's user:pass sends them. */
export async function startSmtpServer(port: number, credentials?: { user: string; pass: string }) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: !credentials,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // close() ends open connections (the app's pooled ones) at once instead of waiting for them.
    closeTimeout: 100,
    // No reverse DNS lookup of each client: without a resolver it holds every greeting for seconds.
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
          callback();
        })
        .catch(callback);
    },
  });
  // A client that goes away mid-conversation is the client's problem, not the server's.
  server.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => server.removeListener("error", reject));
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    mails,
    /** Resolves once at least n mails have arrived (or fails after a few seconds). */
    async waitFor(n: number, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (mails.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} mails, got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
