// For IR both Materialize and SingleStore can express, translating
// materialize → singlestore → materialize gives the same IR back, apart from
// what the translation reports as lost (Kafka brokers, which the caller
// supplies again) and the names of generated secrets (compared by value).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emit, equivalent, parse, translate, type Program, type Statement, type TextOrSecret } from "../../src/index.js";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 7_2026;
const RUNS = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : 150;

const name = (value: string) => ({ parts: [{ value, quoted: false }] });

/** Any text, weighted towards what breaks quoting in either dialect. */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom("a'b", 'q"q', "back\\slash", "new\nline", "tab\t", "{}", "$$", "--", "/*", "é😀") },
);
const secretValue = text;

interface Generated {
  program: Program;
  brokers: Record<string, string>;
}

/** A Materialize program: secrets, then connections that reference them. */
const programs: fc.Arbitrary<Generated> = fc
  .array(
    fc.oneof(
      fc.record({
        kind: fc.constant("kafka" as const),
        mechanism: fc.constantFrom("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"),
        username: text,
        password: secretValue,
        broker: fc.constantFrom("b1:9092", "kafka.example.com:9093"),
      }),
      fc.record({
        kind: fc.constant("mysql" as const),
        host: text,
        port: fc.integer({ min: 1, max: 65535 }),
        user: text,
        password: secretValue,
        // IR concepts both platforms can spell (SingleStore's `preferred` has no Materialize spelling).
        mode: fc.constantFrom("require", "verify-ca", "verify-full", "disable"),
      }),
      fc.record({
        kind: fc.constant("aws" as const),
        keyId: text,
        secretKey: secretValue,
        region: fc.constantFrom("us-east-1", "eu-west-2"),
        endpoint: fc.option(text, { nil: undefined }),
      }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((items) => {
    const statements: Statement[] = [];
    const brokers: Record<string, string> = {};
    items.forEach((item, i) => {
      const connection = `c${i}`;
      const secret = (value: string): TextOrSecret => {
        const secretName = `s${i}`;
        statements.push({ kind: "create_secret", name: name(secretName), value: { kind: "text", value } });
        return { secret: name(secretName) };
      };
      if (item.kind === "kafka") {
        brokers[connection] = item.broker;
        const password = secret(item.password);
        statements.push({
          kind: "create_connection",
          name: name(connection),
          connection: {
            kind: "kafka",
            brokers: [{ address: item.broker }],
            securityProtocol: "SASL_SSL",
            sasl: { mechanism: item.mechanism, username: item.username, password },
          },
        });
      } else if (item.kind === "mysql") {
        const password = secret(item.password);
        statements.push({
          kind: "create_connection",
          name: name(connection),
          connection: { kind: "mysql", host: item.host, port: item.port, user: item.user, password, tls: { mode: item.mode } },
        });
      } else {
        const secretAccessKey = secret(item.secretKey);
        statements.push({
          kind: "create_connection",
          name: name(connection),
          connection: {
            kind: "aws",
            auth: { method: "access_key", accessKeyId: item.keyId, secretAccessKey },
            region: item.region,
            ...(item.endpoint !== undefined ? { endpoint: item.endpoint } : {}),
          },
        });
      }
    });
    return { program: { statements }, brokers };
  });

/** Connections with every secret reference replaced by the secret's value; secrets themselves dropped. */
function withSecretsInlined(program: Program): Statement[] {
  const values = new Map<string, string>();
  for (const s of program.statements) {
    if (s.kind === "create_secret" && s.value.kind === "text") values.set(s.name.parts.map((p) => p.value).join("."), s.value.value);
  }
  const inline = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(inline);
    if (typeof v !== "object" || v === null) return v;
    if ("secret" in v && Object.keys(v).length === 1) {
      return values.get((v as { secret: { parts: { value: string }[] } }).secret.parts.map((p) => p.value).join("."));
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inline(x)]));
  };
  return program.statements.filter((s) => s.kind !== "create_secret").map((s) => inline(s) as Statement);
}

describe("materialize → singlestore → materialize", () => {
  it("returns the same IR apart from the reported losses", () => {
    fc.assert(
      fc.property(programs, ({ program, brokers }) => {
        const original = emit(program, { dialect: "materialize" });
        expect(original.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const there = translate(original.text, { from: "materialize", to: "singlestore" });
        expect(there.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        // The only losses are the Kafka brokers.
        const lost = there.diagnostics.filter((d) => d.severity === "warning").map((d) => d.path);
        expect(lost.every((p) => p !== undefined && /^connection\.brokers\[\d+\]\.address$/.test(p))).toBe(true);
        const supply = Object.fromEntries(Object.entries(brokers).map(([c, b]) => [c, { brokers: b }]));
        const back = translate(there.text, { from: "singlestore", to: "materialize", supply });
        expect(back.diagnostics.filter((d) => d.severity === "error" || d.severity === "warning")).toEqual([]);
        const reread = parse(back.text, { dialect: "materialize", check: false }).program;
        const ok = equivalent(withSecretsInlined(program), withSecretsInlined(reread));
        if (!ok) {
          throw new Error(`not equivalent\nMaterialize: ${original.text}\nSingleStore: ${there.text}\nback: ${back.text}`);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
