import { createRequire } from "node:module";

// package.json is package metadata shipped beside dist/, not user input.
export const VERSION: string = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
