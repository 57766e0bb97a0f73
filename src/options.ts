// The options of the library API as JSON Schema (TypeBox): the rules every
// API function checks its options against, as data. The build publishes them
// as schema/options.schema.json, which the API reads at run time (loading
// TypeBox itself would slow every command-line start); src/index.ts holds
// the documented TypeScript interfaces and checks at compile time that they
// say the same as these schemas.
//
// Option objects are open: a key the function does not know is a warning
// (src/index.ts), not an error, so that callers can share one options object.
import { JsonValueSchema } from "./ir/schema.js";
import { Type, type Static } from "@sinclair/typebox";

const Opt = Type.Optional;

const DialectName = Type.String({ description: "a dialect id: materialize, flink, cockroachdb, databend or singlestore" });
const Width = Type.Integer({ minimum: 1, description: "line width; omitted means unbounded (one line per statement)" });
const Flag = (description: string) => Type.Boolean({ description });

export const ParseOptionsSchema = Type.Object(
  {
    dialect: DialectName,
    check: Opt(Flag("run the dialect's validation rules too (default true)")),
    redact: Opt(Flag("mask every sensitive value in the IR, for IR that can be shared")),
  },
  { $id: "ParseOptions" },
);

const printing = {
  width: Opt(Width),
  redact: Opt(Flag("mask every sensitive value (passwords, keys, secret values) in the output")),
};

export const FormatOptionsSchema = Type.Object(
  {
    dialect: DialectName,
    ...printing,
    fix: Opt(Flag("apply the dialect's fixes (a SingleStore secret key in CONFIG moves to CREDENTIALS), each reported as info")),
  },
  { $id: "FormatOptions" },
);

export const EmitOptionsSchema = Type.Object({ dialect: DialectName, ...printing }, { $id: "EmitOptions" });

export const TranslateOptionsSchema = Type.Object(
  {
    from: DialectName,
    to: DialectName,
    ...printing,
    strict: Opt(Flag("report every loss as an error instead of a warning")),
    secrets: Opt(Type.Record(Type.String(), Type.String(), { description: "secret values by secret name" })),
    placeholders: Opt(Flag("leave unresolved secret references as placeholders instead of failing")),
    supply: Opt(
      Type.Record(Type.String(), Type.Record(Type.String(), JsonValueSchema), {
        description: "values for fields the source cannot carry: connection name → IR field path → value (text typed by the field, or JSON)",
      }),
    ),
    pipelineTemplate: Opt(Flag("emit a commented pipeline template carrying Kafka brokers a target link cannot hold")),
  },
  { $id: "TranslateOptions" },
);

/** The schema of each API function's options, by the name of its definition in the published document. */
export const OPTION_SCHEMAS = [ParseOptionsSchema, FormatOptionsSchema, EmitOptionsSchema, TranslateOptionsSchema];

export type ParseOptionsShape = Static<typeof ParseOptionsSchema>;
export type FormatOptionsShape = Static<typeof FormatOptionsSchema>;
export type EmitOptionsShape = Static<typeof EmitOptionsSchema>;
export type TranslateOptionsShape = Static<typeof TranslateOptionsSchema>;
