export { VERSION } from "../package-data/doc-url.js";
