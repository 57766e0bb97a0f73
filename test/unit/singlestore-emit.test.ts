import { describe, expect, it } from "vitest";
import { emit, equivalent, format, parse, type Connection, type Program, type Statement } from "../../src/index.js";

const s2 = { dialect: "singlestore" } as const;
const name = (...parts: string[]) => ({ parts: parts.map((value) => ({ value, quoted: false })) });

function link(connection: Connection, extra: Partial<Extract<Statement, { kind: "create_connection" }>> = {}): Program {
  return { statements: [{ kind: "create_connection", name: name("l"), connection, ...extra }] };
}

function emitted(program: Program, width?: number) {
  const result = emit(program, width === undefined ? s2 : { ...s2, width });
  return { text: result.text, diagnostics: result.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, ...(d.path ? { path: d.path } : {}) })) };
}

describe("SingleStore emitter (spec §7)", () => {
  it("prints the canonical one-line form: CONFIG, CREDENTIALS, DESCRIPTION; names back-quoted", () => {
    const program: Program = {
      statements: [
        {
          kind: "create_connection",
          name: name("db", "name"),
          description: "text",
          connection: { kind: "kafka", securityProtocol: "SASL_SSL", sasl: { mechanism: "PLAIN", username: "u", password: "p" } },
        },
      ],
    };
    expect(emitted(program)).toEqual({
      text:
        "CREATE LINK `db`.`name` AS KAFKA CONFIG '{\"security.protocol\":\"SASL_SSL\",\"sasl.mechanism\":\"PLAIN\"}' " +
        "CREDENTIALS '{\"sasl.username\":\"u\",\"sasl.password\":\"p\"}' DESCRIPTION 'text';\n",
      diagnostics: [],
    });
  });

  it("leaves out an empty CONFIG and writes an empty CREDENTIALS as '{}'", () => {
    expect(emitted(link({ kind: "gcs" })).text).toBe("CREATE LINK `l` AS GCS CREDENTIALS '{}';\n");
  });

  it("writes OR REPLACE after CREATE and IF NOT EXISTS after LINK", () => {
    expect(emitted(link({ kind: "azure_blob", accountName: "a" }, { orReplace: true })).text).toBe(
      "CREATE OR REPLACE LINK `l` AS AZURE CREDENTIALS '{\"account_name\":\"a\"}';\n",
    );
    expect(emitted(link({ kind: "azure_blob", accountName: "a" }, { ifNotExists: true })).text).toBe(
      "CREATE LINK IF NOT EXISTS `l` AS AZURE CREDENTIALS '{\"account_name\":\"a\"}';\n",
    );
  });

  it("puts each clause on its own line when the statement exceeds a finite width", () => {
    const program = link({ kind: "s3", region: "us-east-1", auth: { method: "access_key", accessKeyId: "k", secretAccessKey: "s" } }, { description: "d" });
    expect(emitted(program, 60).text).toBe(
      "CREATE LINK `l` AS S3\n" +
        "    CONFIG '{\"region\":\"us-east-1\"}'\n" +
        "    CREDENTIALS '{\"aws_access_key_id\":\"k\",\"aws_secret_access_key\":\"s\"}'\n" +
        "    DESCRIPTION 'd';\n",
    );
    expect(emitted(link({ kind: "gcs" }), 60).text).toBe("CREATE LINK `l` AS GCS CREDENTIALS '{}';\n");
  });

  it("keeps a secret key in the clause it was written in; fix moves it, saying so", () => {
    const source = `CREATE LINK l AS MYSQL CONFIG '{"database.password":"p","database.user":"u"}' CREDENTIALS '{}'`;
    const kept = format(source, s2);
    expect(kept.text).toBe(`CREATE LINK \`l\` AS MYSQL CONFIG '{"database.password":"p","database.user":"u"}' CREDENTIALS '{}';\n`);
    expect(kept.diagnostics.map((d) => d.code)).toEqual(["singlestore.secret-in-config"]);
    const fixed = format(source, { ...s2, fix: true });
    expect(fixed.text).toBe(`CREATE LINK \`l\` AS MYSQL CONFIG '{"database.user":"u"}' CREDENTIALS '{"database.password":"p"}';\n`);
    expect(fixed.diagnostics.map((d) => [d.severity, d.code])).toEqual([["info", "singlestore.key-moved"]]);
  });
  it("writes secret keys of IR from elsewhere in their catalogue clause", () => {
    const program = link({ kind: "mysql", host: "h", user: "u", password: "p" });
    expect(emitted(program).text).toBe(`CREATE LINK \`l\` AS MYSQL CONFIG '{"database.hostname":"h"}' CREDENTIALS '{"database.user":"u","database.password":"p"}';\n`);
  });

  it("names the field of a secret reference, never the secret, and leaves the key out", () => {
    const secret = { secret: name("kafka_password") };
    const result = emitted(link({ kind: "kafka", sasl: { username: "u", password: secret } }));
    expect(result.text).toBe("CREATE LINK `l` AS KAFKA CREDENTIALS '{\"sasl.username\":\"u\"}';\n");
    expect(result.diagnostics).toEqual([
      {
        severity: "error",
        code: "singlestore.secret-reference",
        message: "connection.sasl.password is a reference to a secret, which SingleStore cannot name; resolve it to a value before emitting",
        path: "connection.sasl.password",
      },
    ]);
    expect(JSON.stringify(result)).not.toContain("kafka_password");
  });

  it("keeps a connection kind SingleStore lacks as a comment, with an error", () => {
    expect(emitted(link({ kind: "postgres", host: "h" }))).toEqual({
      text: "-- connbridge: SingleStore has no postgres link type; `l` is not emitted (see diagnostics)\n",
      diagnostics: [{ severity: "error", code: "singlestore.unsupported-connection-type", message: "SingleStore has no postgres link type; `l` is not emitted" }],
    });
  });

  it("reports IR fields a link cannot hold by their path: Kafka brokers live in the pipeline", () => {
    const result = emitted(link({ kind: "kafka", brokers: [{ address: "b:9092" }], securityProtocol: "SSL", progressTopic: "t" }));
    expect(result.text).toBe("CREATE LINK `l` AS KAFKA CONFIG '{\"security.protocol\":\"SSL\"}' CREDENTIALS '{}';\n");
    expect(result.diagnostics.map((d) => d.path)).toEqual(["connection.brokers[0].address", "connection.progressTopic"]);
    expect(result.diagnostics.every((d) => d.severity === "warning")).toBe(true);
  });

  it("reports another dialect's extras as lost", () => {
    const result = emitted(link({ kind: "gcs", extras: { materialize: { options: [] } } }));
    expect(result.diagnostics.map((d) => d.path)).toEqual(["connection.extras.materialize.options"]);
  });

  it("writes PEM text (tls.ca, tls.certificate, tls.key) as librdkafka's in-line PEM keys", () => {
    expect(emitted(link({ kind: "kafka", tls: { ca: "CA", certificate: "CERT", key: "KEY" } })).text).toBe(
      `CREATE LINK \`l\` AS KAFKA CONFIG '{"ssl.ca.pem":"CA","ssl.certificate.pem":"CERT"}' CREDENTIALS '{"ssl.key.pem":"KEY"}';\n`,
    );
  });

  it("writes lists as the one string the link takes", () => {
    expect(emitted(link({ kind: "mongodb", hosts: ["a:27017", "b:27017"], tls: { enabled: true } })).text).toBe(
      `CREATE LINK \`l\` AS MONGODB CONFIG '{"mongodb.hosts":"a:27017,b:27017","mongodb.ssl.enabled":"true"}' CREDENTIALS '{}';\n`,
    );
  });

  describe("same-dialect round trip keeps the spelling", () => {
    it("keeps key order within each clause, clause order, CREDENTIALS '' and values written as strings", () => {
      const source =
        `CREATE LINK l AS MYSQL CREDENTIALS '' CONFIG '{"database.port":"3306","zz":1,"database.hostname":"h","database.ssl.mode":"required"}'`;
      const once = format(source, s2).text;
      expect(once).toBe(
        `CREATE LINK \`l\` AS MYSQL CREDENTIALS '' CONFIG '{"database.port":"3306","zz":1,"database.hostname":"h","database.ssl.mode":"required"}';\n`,
      );
      expect(equivalent(parse(once, s2).program, parse(source, s2).program)).toBe(true);
    });

    it("keeps a key written in the other clause where it is not a secret", () => {
      expect(format(`CREATE LINK l AS S3 CREDENTIALS '{"region":"r"}'`, s2).text).toBe(`CREATE LINK \`l\` AS S3 CREDENTIALS '{"region":"r"}';\n`);
    });

    it("keeps a real JSON boolean where the documentation writes a string, and the reverse", () => {
      expect(format(`CREATE LINK l AS MONGODB CONFIG '{"mongodb.ssl.enabled":true}' CREDENTIALS '{}'`, s2).text).toContain(`"mongodb.ssl.enabled":true`);
      expect(format(`CREATE LINK l AS MYSQL CONFIG '{"database.port":"3306"}' CREDENTIALS '{}'`, s2).text).toContain(`"database.port":"3306"`);
    });

    it("keeps both values of a key given twice, in order", () => {
      expect(format(`CREATE LINK l AS S3 CONFIG '{"region":"a","region":"b"}' CREDENTIALS '{}'`, s2).text).toBe(
        `CREATE LINK \`l\` AS S3 CONFIG '{"region":"a","region":"b"}' CREDENTIALS '{}';\n`,
      );
    });

    it("reads a second auth method next to the first without losing it", () => {
      const source = `CREATE LINK l AS S3 CREDENTIALS '{"aws_access_key_id":"k","aws_secret_access_key":"s","role_arn":"arn:r"}'`;
      expect(format(source, s2).text).toBe(
        `CREATE LINK \`l\` AS S3 CREDENTIALS '{"aws_access_key_id":"k","aws_secret_access_key":"s","role_arn":"arn:r"}';\n`,
      );
    });
  });

  describe("other statements", () => {
    it("prints ALTER LINK in both forms, the key bare where it was bare", () => {
      expect(format("alter link db.l set config '{ \"a\" : 1.0 }' set credentials ::sasl.password = 'p'", s2).text).toBe(
        "ALTER LINK `db`.`l` SET CONFIG '{\"a\":1.0}' SET CREDENTIALS ::sasl.password = 'p';\n",
      );
      expect(format("ALTER LINK l SET CONFIG ::`x-amz-server-side-encryption` = 'AES256' SET CREDENTIALS ''", s2).text).toBe(
        "ALTER LINK `l` SET CONFIG ::`x-amz-server-side-encryption` = 'AES256' SET CREDENTIALS '';\n",
      );
    });

    it("breaks ALTER LINK one SET per line at a finite width", () => {
      expect(format("ALTER LINK l SET CONFIG '{\"region\":\"us-east-1\"}' SET CREDENTIALS '{\"aws_access_key_id\":\"k\"}'", { ...s2, width: 40 }).text).toBe(
        "ALTER LINK `l`\n    SET CONFIG '{\"region\":\"us-east-1\"}'\n    SET CREDENTIALS '{\"aws_access_key_id\":\"k\"}';\n",
      );
    });

    it("prints DROP LINK, SHOW LINKS and SHOW CREATE LINK", () => {
      expect(format("drop link db.l; show links on db; show links; show create link l", s2).text).toBe(
        "DROP LINK `db`.`l`;\nSHOW LINKS ON `db`;\nSHOW LINKS;\nSHOW CREATE LINK `l`;\n",
      );
    });

    it("writes one DROP LINK per name and reports flags it has no words for", () => {
      const result = emitted({ statements: [{ kind: "drop", objectType: "connection", names: [name("a"), name("b")], ifExists: true }] });
      expect(result.text).toBe("DROP LINK `a`;\nDROP LINK `b`;\n");
      expect(result.diagnostics.map((d) => d.message)).toEqual(["SingleStore DROP LINK has no IF EXISTS; it is dropped"]);
    });

    it("keeps statements SingleStore has no words for as comments, with errors", () => {
      const result = emitted({
        statements: [
          { kind: "create_secret", name: name("s"), value: { kind: "text", value: "hunter2" } },
          { kind: "validate_connection", name: name("l") },
          { kind: "comment_on", objectType: "connection", name: name("l"), comment: "c" },
          { kind: "alter_connection", name: name("l"), action: { kind: "rename", newName: name("m") } },
        ],
      });
      expect(result.text).toBe(
        "-- connbridge: SingleStore has no secret objects; credentials live in a link's CREDENTIALS (see diagnostics)\n" +
          "-- connbridge: SingleStore has no statement that validates a link (see diagnostics)\n" +
          "-- connbridge: SingleStore cannot change a link's description after CREATE LINK ... DESCRIPTION (see diagnostics)\n" +
          "-- connbridge: ALTER LINK cannot rename a link (see diagnostics)\n",
      );
      expect(result.diagnostics.map((d) => d.severity)).toEqual(["error", "error", "error", "error"]);
      expect(JSON.stringify(result)).not.toContain("hunter2");
    });

    it("writes DESCRIBE as SHOW CREATE LINK, with a warning", () => {
      expect(emitted({ statements: [{ kind: "describe_connection", name: name("l") }] })).toEqual({
        text: "SHOW CREATE LINK `l`;\n",
        diagnostics: [{ severity: "warning", code: "singlestore.describe", message: "SingleStore has no DESCRIBE LINK; emitted as SHOW CREATE LINK" }],
      });
    });
  });
});
