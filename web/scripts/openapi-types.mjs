// One rendering of the OpenAPI document as TypeScript, shared by the generator and its test.
import { readFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";

export const OPENAPI_FILE = new URL("../../openapi/openapi.json", import.meta.url);
export const SCHEMA_FILE = new URL("../src/shared/api/schema.d.ts", import.meta.url);

const HEADER =
  "// Generated from openapi/openapi.json by `npm run gen:api` (openapi-typescript). Do not edit.\n\n";

export async function renderSchema() {
  const document = JSON.parse(await readFile(OPENAPI_FILE, "utf8"));
  const ast = await openapiTS(document, { alphabetize: false, exportType: false });
  return HEADER + astToString(ast);
}
