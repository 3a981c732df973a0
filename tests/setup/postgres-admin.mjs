// Test databases in the PostgreSQL test cluster (POSTGRES_TEST_URL), for the jest setup
// files, which must stay synchronous: they run this with execFileSync.
//
//   node tests/setup/postgres-admin.mjs create <name> <template>   CREATE DATABASE <name> TEMPLATE <template>
//   node tests/setup/postgres-admin.mjs drop-prefix <prefix>        drop every database named <prefix>…
import { createDatabase, dropDatabasesByPrefix } from "../../scripts/postgres-databases.mjs";

const [command, name, template] = process.argv.slice(2);

if (command === "create") await createDatabase(name, { template });
else if (command === "drop-prefix") await dropDatabasesByPrefix(name);
else throw new Error(`unknown command ${command}`);
