// Test databases in the PostgreSQL test cluster (POSTGRES_TEST_URL), for the jest setup
// files, which must stay synchronous: they run this with execFileSync.
//
//   node tests/setup/postgres-admin.mjs create <name> <template>   CREATE DATABASE <name> TEMPLATE <template>
//   node tests/setup/postgres-admin.mjs drop-prefix <prefix>        drop every database named <prefix>…
import pg from "pg";

const [command, name, template] = process.argv.slice(2);
const server = new URL(process.env.POSTGRES_TEST_URL ?? "postgresql://postgres@127.0.0.1:5499");
server.pathname = "/postgres";
const quote = (identifier) => `"${identifier.replace(/"/g, '""')}"`;

const client = new pg.Client({ connectionString: server.toString() });
await client.connect();
try {
  if (command === "create") {
    await client.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`);
  } else if (command === "drop-prefix") {
    if (!/^[a-z0-9_]{4,}$/.test(name)) throw new Error(`refusing to drop databases by the prefix ${name}`);
    const { rows } = await client.query("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [name]);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS ${quote(row.datname)} WITH (FORCE)`);
  } else {
    throw new Error(`unknown command ${command}`);
  }
} finally {
  await client.end();
}
