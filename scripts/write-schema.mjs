// Writes the IR's JSON Schema (draft 2020-12) to schema/ir.schema.json from
// the TypeBox definitions in src/ir/schema.ts. Named sub-schemas become $defs.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ProgramSchema } from "../dist/ir/schema.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const defs = {};

function hoist(schema, isRoot = false) {
  if (Array.isArray(schema)) return schema.map((s) => hoist(s));
  if (typeof schema !== "object" || schema === null) return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = hoist(value);
  if (typeof copy.$ref === "string" && !copy.$ref.startsWith("#")) copy.$ref = `#/$defs/${copy.$ref}`;
  if (typeof copy.$id === "string" && !isRoot) {
    const id = copy.$id;
    delete copy.$id;
    defs[id] ??= copy;
    return { $ref: `#/$defs/${id}` };
  }
  return copy;
}

const program = hoist(ProgramSchema, true);
delete program.$id;
const document = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://connbridge.dev/schema/ir.schema.json",
  ...program,
  $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
};
mkdirSync(join(root, "schema"), { recursive: true });
writeFileSync(join(root, "schema/ir.schema.json"), JSON.stringify(document, null, 2) + "\n");
