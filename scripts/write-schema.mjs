// Writes the published JSON Schemas (draft 2020-12) from the TypeBox
// definitions: schema/ir.schema.json from src/ir/schema.ts (the IR), and
// schema/options.schema.json from src/options.ts (the API's options, one
// definition per function). Named sub-schemas become $defs.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ProgramSchema } from "../dist/ir/schema.js";
import { OPTION_SCHEMAS } from "../dist/options.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Replaces every schema with an `$id` below the top by a reference to it in `defs`. */
function hoist(schema, defs, isRoot = false) {
  if (Array.isArray(schema)) return schema.map((s) => hoist(s, defs));
  if (typeof schema !== "object" || schema === null) return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = hoist(value, defs);
  if (typeof copy.$ref === "string" && !copy.$ref.startsWith("#")) copy.$ref = `#/$defs/${copy.$ref}`;
  if (typeof copy.$id === "string" && !isRoot) {
    const id = copy.$id;
    delete copy.$id;
    defs[id] ??= copy;
    return { $ref: `#/$defs/${id}` };
  }
  return copy;
}

const sorted = (defs) => Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));

function write(file, document) {
  mkdirSync(join(root, "schema"), { recursive: true });
  writeFileSync(join(root, "schema", file), JSON.stringify(document, null, 2) + "\n");
}

const irDefs = {};
const program = hoist(ProgramSchema, irDefs, true);
delete program.$id;
write("ir.schema.json", {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://connbridge.dev/schema/ir.schema.json",
  ...program,
  $defs: sorted(irDefs),
});

const optionDefs = {};
for (const schema of OPTION_SCHEMAS) hoist(schema, optionDefs);
write("options.schema.json", {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://connbridge.dev/schema/options.schema.json",
  title: "connbridge API options",
  description: "The options object of each library function (parse, format, emit, translate), by function.",
  $defs: sorted(optionDefs),
});
