// validate_openapi.mjs OPENAPI.json — checks peerslot's OpenAPI document
// with a real OpenAPI validator (@readme/openapi-parser: the OpenAPI 3.1
// schema, $refs, unique operationIds and parameters, arrays with items),
// not with peerslot's code. Prints every error and exits 1, or prints what
// it checked and exits 0.
import { readFile } from "node:fs/promises";
import { compileErrors, validate } from "@readme/openapi-parser";

const doc = JSON.parse(await readFile(process.argv[2], "utf8"));
const result = await validate(structuredClone(doc));
for (const warning of result.warnings) console.log("warning: " + warning.message);
if (!result.valid) {
  console.log(compileErrors(result));
  process.exit(1);
}
const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
console.log(`OpenAPI ${doc.openapi} document valid: ${Object.keys(doc.paths).length} paths, ${operations} operations, ` +
            `${Object.keys(doc.components.schemas).length} schemas`);
