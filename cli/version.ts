// kvctl's version is the app's: a named import, so a bundle inlines this one string
// and not the whole package.json.
import { version } from "@/package.json";

export const VERSION: string = version;
