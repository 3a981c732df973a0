// Mail on, towards the test's own SMTP server: set before anything reads the environment.
export const SMTP_PORT = 3713;
export const SMTP_CREDENTIALS = { user: "notify", pass: "s3cret/with:odd@chars" };
process.env.SMTP_URL = `smtp://${SMTP_CREDENTIALS.user}:${encodeURIComponent(SMTP_CREDENTIALS.pass)}@127.0.0.1:${SMTP_PORT}`;
process.env.MAIL_FROM = "KVStore <kvstore@example.com>";
