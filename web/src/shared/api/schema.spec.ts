// @vitest-environment node
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs helper shared with the generator
import { renderSchema, SCHEMA_FILE } from "../../../scripts/openapi-types.mjs";

describe("the generated API types", () => {
  it("match openapi/openapi.json (run `npm run gen:api` when this fails)", async () => {
    const committed = await readFile(SCHEMA_FILE, "utf8");
    expect(committed === (await renderSchema())).toBe(true);
  }, 30_000);
});
