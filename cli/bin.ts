// The entry point of the built kvctl (scripts/build-kvctl.mjs bundles from here).
import { main } from "@/cli/kvctl";

process.exitCode = await main(process.argv);
