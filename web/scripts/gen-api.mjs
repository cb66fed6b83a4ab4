// Generates src/shared/api/schema.d.ts from the committed OpenAPI document.
// `npm run gen:api` writes it; src/shared/api/schema.spec.ts fails when it is stale.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { renderSchema, SCHEMA_FILE } from "./openapi-types.mjs";

const output = await renderSchema();
await writeFile(SCHEMA_FILE, output, "utf8");
console.log(`wrote ${fileURLToPath(SCHEMA_FILE)}`);
