import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";

function errors(sql: string): string[] {
  return parse(sql, { dialect: "materialize" })
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => d.message);
}

describe("Materialize planner rules (spec §3–§5)", () => {
  it("accepts a complete SASL Kafka connection", () => {
    expect(errors("CREATE CONNECTION k TO KAFKA (BROKER 'b:9092', SASL MECHANISMS 'PLAIN', SASL USERNAME 'u', SASL PASSWORD SECRET p)")).toEqual([]);
  });

  it("lists options a type does not allow in canonical order", () => {
    expect(errors("CREATE CONNECTION k TO KAFKA (BROKER 'b:1', PORT 1, ACCESS KEY ID 'x')")).toEqual([
      "KAFKA connections do not support ACCESS KEY ID, PORT values",
    ]);
  });

  it("rejects an option given twice", () => {
    expect(errors("CREATE CONNECTION p TO POSTGRES (HOST a, HOST b, DATABASE d, USER u)")).toEqual(["HOST specified more than once"]);
  });

  it("types values: quoted ports and literal passwords are errors", () => {
    expect(errors("CREATE CONNECTION p TO POSTGRES (HOST a, PORT '5432', DATABASE d, USER u)")).toEqual([
      "invalid PORT: cannot use value as number",
    ]);
    expect(errors("CREATE CONNECTION p TO POSTGRES (HOST a, DATABASE d, USER u, PASSWORD 'pw')")).toEqual([
      "invalid PASSWORD: must provide a secret value",
    ]);
  });

  it("requires a value for every non-boolean option", () => {
    expect(errors("CREATE CONNECTION k TO KAFKA (BROKER 'b:1', SSL KEY)")).toEqual(["invalid SSL KEY: must provide a secret value"]);
  });

  it("requires exactly one broker source", () => {
    expect(errors("CREATE CONNECTION k TO KAFKA (SECURITY PROTOCOL PLAINTEXT)")).toEqual([
      "invalid CONNECTION: must set one of BROKER, BROKERS, or AWS PRIVATELINK",
    ]);
    expect(errors("CREATE CONNECTION k TO KAFKA (BROKER 'a:1', BROKERS ('b:1'))")).toEqual([
      "invalid CONNECTION: can only set one of BROKER, BROKERS, or AWS PRIVATELINK",
    ]);
  });

  it("checks security protocol consistency", () => {
    expect(errors("CREATE CONNECTION k TO KAFKA (BROKER 'a:1', SECURITY PROTOCOL PLAINTEXT, SASL USERNAME 'u')")).toEqual([
      "invalid CONNECTION: option SASL USERNAME not supported with this configuration",
    ]);
    expect(errors("CREATE CONNECTION k TO KAFKA (BROKER 'a:1', SECURITY PROTOCOL SASL_SSL)")).toEqual([
      "invalid CONNECTION: SASL MECHANISMS must be specified",
    ]);
    expect(errors("CREATE CONNECTION k TO KAFKA (BROKER 'a:1', SECURITY PROTOCOL 'bogus')")).toEqual([
      "invalid CONNECTION: unknown security protocol: bogus",
    ]);
  });

  it("rejects several broker addresses in one string", () => {
    expect(errors("CREATE CONNECTION k TO KAFKA (BROKER 'a:1,b:2')")).toEqual([
      "invalid CONNECTION: cannot specify multiple Kafka broker addresses in one string",
    ]);
  });

  it("checks AWS credential modes", () => {
    expect(errors("CREATE CONNECTION a TO AWS (ACCESS KEY ID 'k')")).toEqual([
      "must specify both ACCESS KEY ID and SECRET ACCESS KEY with optional SESSION TOKEN",
    ]);
    expect(errors("CREATE CONNECTION a TO AWS (ACCESS KEY ID 'k', SECRET ACCESS KEY SECRET s, ASSUME ROLE ARN 'r')")).toEqual([
      "cannot specify both ACCESS KEY ID and ASSUME ROLE ARN",
    ]);
    expect(errors("CREATE CONNECTION a TO AWS (REGION 'us-east-1')")).toEqual([
      "must specify either ASSUME ROLE ARN or ACCESS KEY ID and SECRET ACCESS KEY",
    ]);
  });

  it("checks Schema Registry URLs", () => {
    expect(errors("CREATE CONNECTION c TO CONFLUENT SCHEMA REGISTRY (URL 'http://h:8081/path')")).toEqual([
      "invalid CONNECTION: URL must have an empty path",
    ]);
    expect(errors("CREATE CONNECTION c TO CONFLUENT SCHEMA REGISTRY (URL '${registry}')")).toEqual([]);
  });

  it("rejects SSH users given as secrets and explicit public keys", () => {
    expect(errors("CREATE CONNECTION t TO SSH TUNNEL (HOST h, USER SECRET u)")).toEqual([
      "SSH connections do not support supplying USER value as SECRET",
    ]);
    expect(errors("CREATE CONNECTION t TO SSH TUNNEL (HOST h, USER u, PUBLIC KEY 1 'k')")).toEqual([
      "the PUBLIC KEY 1 option cannot be explicitly specified",
    ]);
  });

  it("checks SSL MODE per database", () => {
    expect(errors("CREATE CONNECTION m TO MYSQL (HOST h, USER u, SSL MODE prefer)")).toEqual([
      'invalid CONNECTION: unknown SSL MODE "PREFER"',
    ]);
    // Postgres compares case-sensitively: a quoted upper-case mode is unknown.
    expect(errors("CREATE CONNECTION p TO POSTGRES (HOST h, DATABASE d, USER u, SSL MODE 'REQUIRE')")).toEqual([
      'invalid CONNECTION: unknown SSL MODE "REQUIRE"',
    ]);
  });

  it("checks secret values", () => {
    expect(errors("CREATE SECRET s AS 123")).toEqual(["AS must have type bytea, not type integer"]);
    expect(errors("CREATE SECRET s AS NULL")).toEqual(["secret value can not be null"]);
    expect(errors("CREATE SECRET s AS (SELECT 1)")).toEqual(["AS does not allow subqueries"]);
    expect(errors("CREATE SECRET s AS 'a' || 'b'")).toEqual(["AS must have type bytea, not type text"]);
    expect(errors("CREATE SECRET s AS repeat('x', 1024 * 1024)::bytea")).toEqual(["secrets can not be bigger than 512KiB"]);
    expect(errors("CREATE SECRET s AS '\\x80'")).toEqual(["secret value must be valid UTF-8"]);
    expect(errors("CREATE SECRET s AS decode('c2VjcmV0Cg==', 'base64')")).toEqual([]);
  });

  it("checks ALTER CONNECTION action combinations", () => {
    expect(errors("ALTER CONNECTION c ROTATE KEYS, SET (PORT = 1)")).toEqual([
      "cannot specify any other actions alongside ALTER CONNECTION...ROTATE KEYS",
    ]);
    expect(errors("ALTER CONNECTION c SET (PORT = 1), DROP (PORT)")).toEqual(["cannot both SET and DROP/RESET options PORT"]);
    expect(errors("ALTER CONNECTION c RESET (PROGRESS TOPIC)")).toEqual(["cannot ALTER KAFKA option PROGRESS TOPIC"]);
    expect(errors("ALTER CONNECTION c SET (SSL KEY = 'x')")).toEqual(["invalid SSL KEY: must provide a secret value"]);
  });

  it("knows a connection's type from its CREATE earlier in the same input", () => {
    expect(errors("CREATE CONNECTION t TO SSH TUNNEL (HOST h, USER u); ALTER CONNECTION t SET (DATABASE = 'd')")).toEqual([
      "SSH TUNNEL connections do not support DATABASE values",
    ]);
    expect(errors("CREATE CONNECTION k TO KAFKA (BROKER 'a:1'); ALTER CONNECTION k ROTATE KEYS")).toEqual(["k is not an SSH connection"]);
  });

  it("points planner errors at the offending option", () => {
    const result = parse("CREATE CONNECTION p TO POSTGRES (\n  HOST a,\n  DATABASE d,\n  USER u,\n  PORT 'x'\n)", { dialect: "materialize" });
    expect(result.diagnostics[0]?.span?.start).toEqual({ line: 5, column: 3, offset: 70 });
  });
});
