// Loss of meaning is an error; other losses are warnings; the source
// platform's implicit defaults are written out when IR is emitted elsewhere.
import { describe, expect, it } from "vitest";
import { SAID_ELSEWHERE } from "../../src/dialects/singlestore/catalog.js";
import { fieldIndex } from "../../src/ir/field-paths.js";
import { lossSeverity, MEANING_CRITICAL } from "../../src/ir/meaning.js";
import { ProgramSchema, type Program } from "../../src/ir/schema.js";
import { emit, parse } from "../../src/index.js";

const index = fieldIndex(ProgramSchema);
const name = (value: string) => ({ parts: [{ value, quoted: false }] });

describe("the table of meaning-critical fields", () => {
  it("names only fields of the schema, for every kind of the schema", () => {
    expect(Object.keys(MEANING_CRITICAL).sort()).toEqual([...index.kinds].sort());
    for (const kind of index.kinds) {
      const paths = new Set(index.connection(kind).map((f) => f.path));
      for (const pattern of Object.keys(MEANING_CRITICAL[kind])) expect(paths.has(pattern), `${kind} ${pattern}`).toBe(true);
    }
  });

  it("names only schema fields in SingleStore's said-elsewhere exemptions", () => {
    for (const [kind, exemptions] of Object.entries(SAID_ELSEWHERE)) {
      const paths = new Set(index.connection(kind as never).map((f) => f.path));
      for (const e of exemptions ?? []) expect(paths.has(e.path), `${kind} ${e.path}`).toBe(true);
    }
  });

  it.each([
    ["kafka", "sasl.password", "authentication"],
    ["kafka", "awsConnection", "authentication"],
    ["kafka", "brokers[0].tunnel.connection", "route"],
    ["kafka", "brokerRules[0].pattern", "route"],
    ["kafka", "tls.key", "authentication"],
    ["kafka", "securityProtocol", "transport"],
    ["mysql", "awsConnection", "authentication"],
    ["mysql", "tunnel.connection", "route"],
    ["mysql", "tls.mode", "transport"],
    ["s3", "auth.secretAccessKey", "authentication"],
    ["s3", "endpoint", "destination"],
    ["http", "headers.Authorization", "authentication"],
  ] as const)("%s %s is critical (%s)", (kind, path, concern) => {
    expect(lossSeverity(kind, path)).toEqual({ critical: true, concern });
  });

  it.each([
    ["kafka", "progressTopic"],
    ["kafka", "tls.ca"],
    ["mysql", "tls.caFile"],
    ["mysql", "database"],
    ["s3", "serverSideEncryption.algorithm"],
    ["s3", "bucket"],
    ["kafka", "tls.insecureSkipVerify"],
  ] as const)("%s %s is not critical", (kind, path) => {
    expect(lossSeverity(kind, path).critical).toBe(false);
  });

  it("lets a target exempt what it says elsewhere, but not a more specific critical field", () => {
    const exemptions = SAID_ELSEWHERE.kafka!;
    expect(lossSeverity("kafka", "brokers[3].address", exemptions)).toEqual({ critical: false, saidElsewhere: exemptions[0] });
    expect(lossSeverity("kafka", "brokers[3].tunnel.port", exemptions)).toEqual({ critical: true, concern: "route" });
    expect(lossSeverity("kafka", "brokers[0].address")).toEqual({ critical: true, concern: "destination" });
  });
});

describe("emitting a statement that would mean something else", () => {
  it("keeps it out of the output, with a comment and an error naming the field", () => {
    const program: Program = {
      statements: [{ kind: "create_connection", name: name("msk"), connection: { kind: "kafka", awsConnection: name("iam") } }],
    };
    const { text, diagnostics } = emit(program, { dialect: "singlestore" });
    expect(text).toBe("-- connbridge: msk not emitted: a SingleStore kafka link cannot hold awsConnection (see diagnostics)\n");
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: "error", code: "singlestore.meaning-lost", path: "connection.awsConnection" }));
  });

  it("reports NOT LIKE as an error where LIKE is written without it, and as a warning where the whole filter goes", () => {
    const show: Program = { statements: [{ kind: "show", objectType: "connections", like: "k%", notLike: true }] };
    const mz = emit(show, { dialect: "materialize" });
    expect(mz.text).toMatch(/^-- connbridge: SHOW not emitted/);
    expect(mz.diagnostics).toContainEqual(expect.objectContaining({ severity: "error", path: "notLike" }));
    const s2 = emit(show, { dialect: "singlestore" });
    expect(s2.text).toBe("SHOW LINKS;\n");
    expect(s2.diagnostics.filter((d) => d.path !== undefined).map((d) => [d.severity, d.path])).toEqual([
      ["warning", "like"],
      ["warning", "notLike"],
    ]);
  });

  it("points a loss at the span of the field that said it when the lowering recorded one", () => {
    const span = { start: { line: 2, column: 5, offset: 20 }, end: { line: 2, column: 30, offset: 45 } };
    const program: Program = {
      statements: [
        {
          kind: "create_connection",
          name: name("m"),
          connection: { kind: "mysql", host: "db", awsConnection: name("iam") },
          span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 3, column: 2, offset: 60 } },
          fieldSpans: { "connection.awsConnection": span },
        },
      ],
    };
    const lost = emit(program, { dialect: "singlestore" }).diagnostics.find((d) => d.path === "connection.awsConnection");
    expect(lost?.span).toEqual(span);
  });
});

describe("statement-level fields", () => {
  it("reports WITH (VALIDATE = false) emitted into SingleStore instead of dropping it silently", () => {
    const { program } = parse("CREATE CONNECTION m TO MYSQL (HOST 'db', USER 'app') WITH (VALIDATE = false)", { dialect: "materialize" });
    const { text, diagnostics } = emit(program, { dialect: "singlestore" });
    expect(text).toContain("CREATE LINK `m` AS MYSQL");
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ severity: "warning", path: "extras.materialize.with", message: expect.stringContaining("VALIDATE") }),
    );
  });

  it("reports a catalog id Materialize only reads in references, and writes the name without it", () => {
    const program: Program = { statements: [{ kind: "drop", objectType: "connection", names: [{ ...name("k"), catalogId: "u1" }] }] };
    const { text, diagnostics } = emit(program, { dialect: "materialize" });
    expect(text).toBe("DROP CONNECTION k;\n");
    expect(diagnostics.map((d) => d.path)).toEqual(["names[0].catalogId"]);
  });
});

describe("emit writes out the source platform's implicit defaults", () => {
  const SASL = "CREATE CONNECTION k TO KAFKA (BROKER 'b:9092', SASL MECHANISMS = 'PLAIN', SASL USERNAME = 'u', SASL PASSWORD = SECRET pw)";

  it("records the dialect a program was parsed from", () => {
    expect(parse(SASL, { dialect: "materialize" }).program.source).toBe("materialize");
  });

  it("says SASL_SSL for a Materialize Kafka connection with SASL and no protocol, emitted into SingleStore", () => {
    const { program } = parse(SASL, { dialect: "materialize" });
    const resolved = structuredClone(program);
    const connection = resolved.statements[0] as Extract<Program["statements"][number], { kind: "create_connection" }>;
    (connection.connection as { sasl: { password: unknown } }).sasl.password = "secret-value";
    const { text } = emit(resolved, { dialect: "singlestore" });
    expect(text).toContain('"security.protocol":"SASL_SSL"');
    // The caller's program is left as it was.
    expect((connection.connection as { securityProtocol?: string }).securityProtocol).toBeUndefined();
  });

  it("applies no defaults without a source, or into the dialect the program came from", () => {
    const { program } = parse("CREATE CONNECTION k TO KAFKA (BROKER 'b:9092')", { dialect: "materialize" });
    expect(emit(program, { dialect: "materialize" }).text).toBe("CREATE CONNECTION k TO KAFKA (BROKER = 'b:9092');\n");
    const { source: _source, ...anonymous } = program;
    expect(emit(anonymous, { dialect: "singlestore" }).text).not.toContain("security.protocol");
  });

  it("warns when the source's defaults are not known", () => {
    const program: Program = { source: "flink", statements: [{ kind: "create_connection", name: name("k"), connection: { kind: "mysql", host: "h" } }] };
    expect(emit(program, { dialect: "singlestore" }).diagnostics).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "emit.source-defaults-unknown", path: "source" }),
    );
  });

  it("writes out SingleStore's default going the other way: a link without a protocol speaks plaintext", () => {
    const { program } = parse(`CREATE LINK k AS KAFKA CONFIG '{"sasl.mechanism":"PLAIN"}' CREDENTIALS '{}'`, { dialect: "singlestore" });
    const { text } = emit(program, { dialect: "materialize" });
    // Left out, Materialize would assume SASL_SSL.
    expect(text.toLowerCase()).toContain("security protocol = 'plaintext'");
  });
});
