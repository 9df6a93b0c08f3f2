import { readPackageFile } from "../package-data/read-package-file.js";

export const VERSION: string = (JSON.parse(readPackageFile("package.json")) as { version: string }).version;
