import { describe, expect, it } from "vitest";
import { connbridge, fixturesCleanedAfterEach } from "./run.js";

const fixtures = fixturesCleanedAfterEach();

const MYSQL = "CREATE CONNECTION m TO MYSQL (HOST 'db', USER 'app', PASSWORD SECRET pw);\n";
const LINK = `CREATE LINK k AS KAFKA CONFIG '{"security.protocol":"sasl_ssl","sasl.mechanism":"PLAIN"}' CREDENTIALS '{"sasl.username":"u","sasl.password":"p"}';\n`;

describe("connbridge translate", () => {
  it("resolves secrets from --secrets", () => {
    const dir = fixtures({ "m.sql": MYSQL, "secrets.json": '{"pw": "from-file"}' });
    const result = connbridge(["translate", "--to", "singlestore", "--secrets", "secrets.json", "m.sql"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"database.password":"from-file"');
  });

  it("exits 1 on an unresolved secret and 0 with --placeholders", () => {
    const dir = fixtures({ "m.sql": MYSQL });
    expect(connbridge(["translate", "--to", "singlestore", "m.sql"], { cwd: dir }).status).toBe(1);
    const placeheld = connbridge(["translate", "--to", "singlestore", "--placeholders", "m.sql"], { cwd: dir });
    expect(placeheld.status).toBe(0);
    expect(placeheld.stdout).toContain("<<connbridge-secret:pw>>");
  });

  it("reports a bad --secrets file as an I/O error", () => {
    const dir = fixtures({ "m.sql": MYSQL, "secrets.json": "[1, 2]" });
    const result = connbridge(["translate", "--to", "singlestore", "--secrets", "secrets.json", "m.sql"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("must be a JSON object of string values");
  });

  it("takes missing fields from --set", () => {
    const dir = fixtures({ "k.sql": LINK });
    const missing = connbridge(["translate", "--from", "singlestore", "--to", "materialize", "k.sql"], { cwd: dir });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("translate.missing-required");
    const supplied = connbridge(["translate", "--from", "singlestore", "--to", "materialize", "--set", "k:brokers=b:9092", "k.sql"], { cwd: dir });
    expect(supplied.status).toBe(0);
    expect(supplied.stdout).toContain("CREATE SECRET k_sasl_password AS 'p';");
    expect(supplied.stdout).toContain("BROKER = 'b:9092'");
    expect(connbridge(["translate", "--to", "materialize", "--set", "nocolon", "k.sql"], { cwd: dir }).status).toBe(2);
  });

  it("refuses a --set for a connection no input creates as a usage error, writing nothing", () => {
    const dir = fixtures({ "k.sql": LINK });
    const result = connbridge(["translate", "--from", "singlestore", "--to", "materialize", "--set", "kk:brokers=b:9092", "k.sql"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('--set names "kk", which no input creates');
    expect(result.stderr).toContain("connections created: k");
  });

  it("accepts a --set for a connection another input creates", () => {
    const dir = fixtures({ "k.sql": LINK, "m.sql": MYSQL });
    const result = connbridge(["translate", "--from", "singlestore", "--to", "materialize", "--set", "k:brokers=b:9092", "k.sql", "m.sql"], { cwd: dir });
    expect(result.stderr).not.toContain("supply");
    expect(result.stdout).toContain("BROKER = 'b:9092'");
  });

  it("refuses a --set field that is not a field of the connection's kind as a usage error, with a suggestion", () => {
    const dir = fixtures({ "k.sql": LINK });
    const result = connbridge(["translate", "--from", "singlestore", "--to", "materialize", "--set", "k:brokerz=b:9092", "k.sql"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("brokerz is not a field of a kafka connection");
    expect(result.stderr).toContain("did you mean brokers?");
  });

  it("takes JSON after --set NAME:FIELD= for lists and objects", () => {
    const dir = fixtures({ "k.sql": LINK });
    const brokers = '[{"address":"b1:9092"},{"address":"b2:9092","tunnel":{"kind":"ssh","connection":{"parts":[{"value":"bastion","quoted":false}]}}}]';
    const result = connbridge(["translate", "--from", "singlestore", "--to", "materialize", "--set", `k:brokers=${brokers}`, "k.sql"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("BROKERS = ('b1:9092', 'b2:9092'USING SSH TUNNEL bastion)");
  });

  it("reports a value that does not fit its field as an error naming the field, not the value", () => {
    const dir = fixtures({ "m.sql": MYSQL, "secrets.json": '{"pw": "x"}' });
    const result = connbridge(["translate", "--to", "singlestore", "--secrets", "secrets.json", "--set", "m:port=33o6", "m.sql"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("translate.supply-invalid: m: the value supplied for port is not an integer");
    expect(result.stderr).not.toContain("33o6");
  });

  it("masks secrets with --redact and fails on loss with --strict", () => {
    const dir = fixtures({ "k.sql": `CREATE SECRET pw AS 'hunter2';\nCREATE CONNECTION k TO KAFKA (BROKER 'b:1', SASL MECHANISMS 'PLAIN', SASL USERNAME 'u', SASL PASSWORD SECRET pw);\n` });
    const redacted = connbridge(["translate", "--to", "singlestore", "--redact", "k.sql"], { cwd: dir });
    expect(redacted.status).toBe(0);
    expect(redacted.stdout).not.toContain("hunter2");
    expect(redacted.stdout).toContain('"sasl.password":"********"');
    const strict = connbridge(["translate", "--to", "singlestore", "--strict", "k.sql"], { cwd: dir });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain("error singlestore.unsupported-field");
  });

  it("adds the pipeline template with --pipeline-template", () => {
    const dir = fixtures({ "k.sql": "CREATE CONNECTION k TO KAFKA (BROKER 'b:1', SECURITY PROTOCOL PLAINTEXT);\n" });
    const result = connbridge(["translate", "--to", "singlestore", "--pipeline-template", "k.sql"], { cwd: dir });
    expect(result.stdout).toContain("-- CREATE PIPELINE k_pipeline AS LOAD DATA LINK k 'b:1/<topic>' INTO TABLE <table>;");
  });
});
