// The single-file executable's src/package-data/read-package-file.ts: files vmcp-gen ships with
// itself are assets embedded in the executable, under their path from the package root
// (scripts/build-binary.mjs lists them in the SEA configuration).
"use strict";
const { getAsset } = require("node:sea");

exports.readPackageFile = (relativePath) => getAsset(relativePath, "utf8");
