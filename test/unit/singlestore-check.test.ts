import { describe, expect, it } from "vitest";
import { emit, parse, type Diagnostic, type Program } from "../../src/index.js";
import { editDistance, suggestKey } from "../../src/dialects/singlestore/check.js";
import { KEYS, KIND_OF_TYPE, LINK_TYPES } from "../../src/dialects/singlestore/catalog.js";
import { fieldPathOf } from "../../src/dialects/shared/paths.js";
import { isSensitive } from "../../src/ir/sensitivity.js";

const s2 = { dialect: "singlestore" } as const;

function diagnostics(sql: string, severity?: Diagnostic["severity"]): string[] {
  return parse(sql, s2)
    .diagnostics.filter((d) => severity === undefined || d.severity === severity)
    .map((d) => `${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`);
}

describe("SingleStore link rules (spec §5)", () => {
  it("accepts a complete Kafka link", () => {
    expect(
      diagnostics(`CREATE LINK k AS KAFKA CONFIG '{"security.protocol":"sasl_ssl","sasl.mechanism":"PLAIN"}' CREDENTIALS '{"sasl.username":"u","sasl.password":"p"}'`),
    ).toEqual([]);
  });

  it("rejects OR REPLACE together with IF NOT EXISTS", () => {
    expect(diagnostics("CREATE OR REPLACE LINK IF NOT EXISTS l AS S3 CREDENTIALS '{}'", "error")).toEqual([
      "singlestore.conflicting-clauses: OR REPLACE and IF NOT EXISTS cannot be used together",
    ]);
  });

  it("requires CREDENTIALS", () => {
    expect(diagnostics(`CREATE LINK l AS S3 CONFIG '{"region":"r"}'`, "error")).toEqual([
      "singlestore.missing-credentials: CREATE LINK requires a CREDENTIALS clause (write CREDENTIALS '{}' when the link needs no credentials)",
    ]);
  });

  it("rejects a clause given twice, and DESCRIPTION before CONFIG or CREDENTIALS", () => {
    expect(diagnostics("CREATE LINK l AS S3 CREDENTIALS '{}' CREDENTIALS '{}'", "error")).toEqual([
      "singlestore.duplicate-clause: CREDENTIALS given more than once",
    ]);
    expect(diagnostics("CREATE LINK l AS S3 DESCRIPTION 'd' CREDENTIALS '{}'", "error")).toEqual([
      "singlestore.syntax: Expected end of statement, found CREDENTIALS",
    ]);
  });

  it("rejects CONFIG and CREDENTIALS that are JSON but not objects", () => {
    expect(diagnostics(`CREATE LINK l AS S3 CREDENTIALS '["k"]' CONFIG '"us-east-1"'`, "error")).toEqual([
      "singlestore.invalid-json: CREDENTIALS must be a JSON object, found an array",
      "singlestore.invalid-json: CONFIG must be a JSON object, found a string",
    ]);
  });

  it("rejects names of more than two parts", () => {
    expect(diagnostics("DROP LINK a.b.c", "error")).toEqual(["singlestore.invalid-name: a link name has at most two parts (database.link), found 3"]);
  });

  it("rejects unknown link types in the grammar", () => {
    expect(diagnostics("CREATE LINK l AS POSTGRES CREDENTIALS '{}'", "error")).toEqual([
      'singlestore.syntax: Expected one of AZURE or GCS or HDFS or HTTP or KAFKA or MONGODB or MYSQL or S3, found identifier "POSTGRES"',
    ]);
  });

  it("rejects DROP LINK IF EXISTS, which is not documented", () => {
    expect(diagnostics("DROP LINK IF EXISTS l", "error")).toEqual(["singlestore.syntax: Expected identifier, found IF"]);
  });

  it("rejects CREATE OR REPLACE that changes the type of a link created earlier in the input", () => {
    expect(diagnostics("CREATE LINK p AS S3 CREDENTIALS '{}'; CREATE OR REPLACE LINK p AS KAFKA CREDENTIALS '{}'", "error")).toEqual([
      "singlestore.link-type-change: CREATE OR REPLACE cannot change the link's type from S3 to KAFKA (drop the link first)",
    ]);
    expect(diagnostics("CREATE LINK p AS S3 CREDENTIALS '{}'; DROP LINK p; CREATE OR REPLACE LINK p AS KAFKA CREDENTIALS '{}'", "error")).toEqual([]);
  });

  it("rejects SHOW CREATE LINK of an HTTP link created earlier in the input", () => {
    expect(diagnostics(`CREATE LINK h AS HTTP CREDENTIALS '{"headers":{}}'; SHOW CREATE LINK h`, "error")).toEqual([
      "singlestore.show-create-http: SHOW CREATE LINK does not support HTTP links",
    ]);
  });

  describe("ALTER LINK", () => {
    it("accepts one SET CONFIG and one SET CREDENTIALS, in either order and form", () => {
      expect(diagnostics(`ALTER LINK l SET CREDENTIALS ::sasl.password = 'p' SET CONFIG '{"a":"b"}'`)).toEqual([]);
    });

    it("needs at least one SET clause", () => {
      expect(diagnostics("ALTER LINK l", "error")).toEqual(["singlestore.syntax: Expected SET, found end of statement"]);
    });

    it("rejects two clauses of the same kind, and more than two", () => {
      expect(diagnostics("ALTER LINK l SET CONFIG '{}' SET CONFIG ::a = 'b'", "error")).toEqual([
        "singlestore.alter-clauses: SET CONFIG is given twice; ALTER LINK takes one SET CONFIG and one SET CREDENTIALS",
      ]);
      expect(diagnostics("ALTER LINK l SET CONFIG '{}' SET CREDENTIALS '{}' SET CREDENTIALS '{}'", "error")).toEqual([
        "singlestore.alter-clauses: ALTER LINK takes at most two SET clauses, one SET CONFIG and one SET CREDENTIALS",
      ]);
    });

    it("rejects whole-JSON values that are not objects", () => {
      expect(diagnostics("ALTER LINK l SET CONFIG '[]'", "error")).toEqual(["singlestore.invalid-json: CONFIG must be a JSON object, found an array"]);
    });

    it("checks keys against a link created earlier in the same input", () => {
      expect(
        diagnostics(`CREATE LINK k AS KAFKA CREDENTIALS '{}'; ALTER LINK k SET CONFIG ::sasl.password = 'p' SET CREDENTIALS ::sasl.usernme = 'u'`, "warning"),
      ).toEqual([
        'singlestore.secret-in-config: "sasl.password" holds a secret, but CONFIG is shown by SHOW LINKS and INFORMATION_SCHEMA.LINKS (move it to CREDENTIALS)',
        'singlestore.unknown-key: "sasl.usernme" is not a known KAFKA link key (did you mean "sasl.username"?)',
      ]);
    });
  });

  describe("warnings", () => {
    it("flags a secret key placed in CONFIG, which SHOW LINKS displays", () => {
      expect(diagnostics(`CREATE LINK l AS MYSQL CONFIG '{"database.password":"p"}' CREDENTIALS '{}'`, "warning")).toEqual([
        'singlestore.secret-in-config: "database.password" holds a secret, but CONFIG is shown by SHOW LINKS and INFORMATION_SCHEMA.LINKS (move it to CREDENTIALS)',
      ]);
    });

    it("flags keys the catalogue does not know that look secret", () => {
      expect(diagnostics(`CREATE LINK l AS KAFKA CONFIG '{"ssl.keystore.password":"p","my_api_key":"k","my_key_id":"i"}' CREDENTIALS '{}'`, "warning")).toEqual([
        'singlestore.secret-in-config: "ssl.keystore.password" holds a secret, but CONFIG is shown by SHOW LINKS and INFORMATION_SCHEMA.LINKS (move it to CREDENTIALS)',
        'singlestore.unknown-key: "my_api_key" is not a known KAFKA link key',
        'singlestore.secret-in-config: "my_api_key" holds a secret, but CONFIG is shown by SHOW LINKS and INFORMATION_SCHEMA.LINKS (move it to CREDENTIALS)',
        'singlestore.unknown-key: "my_key_id" is not a known KAFKA link key',
      ]);
    });

    it("flags the SSE-C key even where the documentation puts it", () => {
      expect(diagnostics(`CREATE LINK l AS S3 CONFIG '{"x-amz-server-side-encryption-customer-key":"k"}' CREDENTIALS '{}'`, "warning")).toEqual([
        'singlestore.secret-in-config: "x-amz-server-side-encryption-customer-key" holds a secret, but CONFIG is shown by SHOW LINKS and INFORMATION_SCHEMA.LINKS (SingleStore documents this key in CONFIG; keep the link\'s privileges tight)',
      ]);
    });

    it("flags unknown keys with a did-you-mean suggestion", () => {
      expect(diagnostics(`CREATE LINK l AS S3 CONFIG '{"regoin":"us-east-1"}' CREDENTIALS '{"aws_acess_key_id":"k","Role_Arn":"r","zzz":1}'`, "warning")).toEqual([
        'singlestore.unknown-key: "regoin" is not a known S3 link key (did you mean "region"?)',
        'singlestore.unknown-key: "aws_acess_key_id" is not a known S3 link key (did you mean "aws_access_key_id"?)',
        'singlestore.unknown-key: "Role_Arn" is not a known S3 link key (did you mean "role_arn"?)',
        'singlestore.unknown-key: "zzz" is not a known S3 link key',
      ]);
    });

    it("takes any Hadoop property in HDFS CONFIG", () => {
      expect(diagnostics(`CREATE LINK l AS HDFS CREDENTIALS '' CONFIG '{"dfs.anything":"x","hadoop.rpc.protection":"privacy"}'`)).toEqual([]);
    });

    it("flags a key given twice and values of the wrong JSON type, naming keys, never values", () => {
      const found = diagnostics(
        `CREATE LINK l AS MYSQL CONFIG '{"database.port":"s3cr3t","database.hostname":"h"}' CREDENTIALS '{"database.hostname":"h2","database.password":42}'`,
        "warning",
      );
      expect(found).toEqual([
        'singlestore.invalid-value: "database.port" expects an integer, found a string',
        'singlestore.duplicate-key: "database.hostname" is given more than once',
        'singlestore.invalid-value: "database.password" expects a string, found a number',
      ]);
      expect(found.join("\n")).not.toMatch(/s3cr3t|42/);
    });

    it("points each warning at its key in the file", () => {
      const [d] = parse(`CREATE LINK l AS S3\nCONFIG '{\n  "regoin": "x"}'\nCREDENTIALS '{}'`, s2).diagnostics;
      expect(d?.span).toMatchObject({ start: { line: 3, column: 3 }, end: { line: 3, column: 16 } });
    });
  });

  describe("checking IR from elsewhere", () => {
    const name = { parts: [{ value: "k", quoted: false }] };

    it("checks a secret placed by the emitter only where it is written", () => {
      const program: Program = {
        statements: [{ kind: "create_connection", name, connection: { kind: "kafka", sasl: { password: "p" }, securityProtocol: "SASL_SSL" } }],
      };
      expect(emit(program, s2).diagnostics).toEqual([]);
    });
  });

  it("marks as secret exactly the keys whose IR fields are sensitive", () => {
    for (const type of LINK_TYPES) {
      for (const entry of KEYS[type]) {
        if (entry.path === undefined) continue;
        const path = fieldPathOf(entry.path) + (entry.type === "stringMap" ? ".name" : "");
        expect({ type, key: entry.key, secret: isSensitive(KIND_OF_TYPE[type], path) }).toEqual({ type, key: entry.key, secret: entry.secret });
      }
    }
  });

  it("measures edits with a swap of neighbours as one", () => {
    expect(editDistance("regoin", "region")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(suggestKey("KAFKA", "security.protocl")).toBe("security.protocol");
    expect(suggestKey("KAFKA", "totally.different")).toBeUndefined();
  });
});
