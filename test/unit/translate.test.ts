import { describe, expect, it } from "vitest";
import { format, parse, translate } from "../../src/index.js";

const SASL_EXAMPLE = `CREATE SECRET kafka_password AS '<BROKER_PASSWORD>';

CREATE CONNECTION kafka_connection TO KAFKA (
    BROKER 'unique-jellyfish-0000-kafka.upstash.io:9092',
    SASL MECHANISMS = 'SCRAM-SHA-256',
    SASL USERNAME = 'foo',
    SASL PASSWORD = SECRET kafka_password
);`;

const KAFKA_LINK = `CREATE LINK mylink AS KAFKA
CONFIG '{
"security.protocol": "sasl_ssl",
"sasl.mechanism": "PLAIN"
}'
CREDENTIALS '{
"sasl.username": "your_sasl_username",
"sasl.password": "your_sasl_secret_key"
}';`;

/** The decoded CONFIG and CREDENTIALS JSON of the links in SingleStore text. */
function links(text: string): { name: string; type: string; config: Record<string, unknown>; credentials: Record<string, unknown> }[] {
  return [...text.matchAll(/CREATE LINK `([^`]+)` AS (\w+)(?: CONFIG '((?:[^']|'')*)')? CREDENTIALS '((?:[^']|'')*)'/g)].map((m) => ({
    name: m[1]!,
    type: m[2]!,
    config: m[3] === undefined ? {} : JSON.parse(m[3].replace(/''/g, "'").replace(/\\\\/g, "\\")),
    credentials: JSON.parse(m[4]!.replace(/''/g, "'").replace(/\\\\/g, "\\")),
  }));
}

describe("Materialize → SingleStore", () => {
  it("turns the seed's SASL Kafka connection into a KAFKA link with the secret inlined", () => {
    const result = translate(SASL_EXAMPLE, { from: "materialize", to: "singlestore" });
    expect(links(result.text)).toEqual([
      {
        name: "kafka_connection",
        type: "KAFKA",
        config: { "security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-256" },
        credentials: { "sasl.username": "foo", "sasl.password": "<BROKER_PASSWORD>" },
      },
    ]);
    expect(result.text).not.toContain("CREATE SECRET");
    const brokerWarning = result.diagnostics.find((d) => d.severity === "warning" && d.path === "connection.brokers[0].address");
    // The warning points at the BROKER option, not at the statement.
    const line = SASL_EXAMPLE.split("\n")[brokerWarning!.span!.start.line - 1];
    expect(line).toMatch(/^\s*BROKER /);
  });

  it("resolves secrets from the input first, then from the caller", () => {
    const sql = "CREATE SECRET a AS 'from-input'; CREATE CONNECTION m TO MYSQL (HOST h, USER u, PASSWORD SECRET a)";
    const result = translate(sql, { from: "materialize", to: "singlestore", secrets: { a: "from-caller" } });
    expect(links(result.text)[0]?.credentials["database.password"]).toBe("from-input");
    const supplied = translate("CREATE CONNECTION m TO MYSQL (HOST h, USER u, PASSWORD SECRET b)", {
      from: "materialize",
      to: "singlestore",
      secrets: { b: "from-caller" },
    });
    expect(links(supplied.text)[0]?.credentials["database.password"]).toBe("from-caller");
  });

  it("fails on an unresolved secret without revealing anything, unless placeholders are allowed", () => {
    const sql = "CREATE CONNECTION m TO MYSQL (HOST h, USER u, PASSWORD SECRET missing)";
    const failed = translate(sql, { from: "materialize", to: "singlestore" });
    expect(failed.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual(["translate.unresolved-secret"]);
    expect(failed.text).not.toContain("CREATE LINK");
    const placeheld = translate(sql, { from: "materialize", to: "singlestore", placeholders: true });
    expect(links(placeheld.text)[0]?.credentials["database.password"]).toBe("<<connbridge-secret:missing>>");
  });

  it("never puts a secret value into a diagnostic", () => {
    const sql = "CREATE SECRET pw AS 'hunter2-value'; CREATE CONNECTION k TO KAFKA (BROKER 'b:1', SASL MECHANISMS 'PLAIN', SASL USERNAME 'u', SASL PASSWORD SECRET pw, PORT 'x')";
    for (const to of ["singlestore", "materialize"] as const) {
      const result = translate(sql, { from: "materialize", to, strict: true });
      expect(JSON.stringify(result.diagnostics)).not.toContain("hunter2-value");
    }
  });

  it("redacts every sensitive value of the output", () => {
    const result = translate(SASL_EXAMPLE, { from: "materialize", to: "singlestore", redact: true });
    expect(links(result.text)[0]?.credentials).toEqual({ "sasl.username": "foo", "sasl.password": "********" });
    expect(result.text).not.toContain("<BROKER_PASSWORD>");
  });

  it("makes losses errors in strict mode", () => {
    const lenient = translate(SASL_EXAMPLE, { from: "materialize", to: "singlestore" });
    const strict = translate(SASL_EXAMPLE, { from: "materialize", to: "singlestore", strict: true });
    expect(lenient.diagnostics.some((d) => d.severity === "error")).toBe(false);
    expect(strict.diagnostics.filter((d) => d.severity === "error").map((d) => d.path)).toEqual(["connection.brokers[0].address"]);
  });

  it("keeps a connection of a kind SingleStore lacks as a comment with the reason", () => {
    const sql = "CREATE CONNECTION t TO SSH TUNNEL (HOST 'bastion', USER 'mz')";
    const result = translate(sql, { from: "materialize", to: "singlestore" });
    expect(result.text).toBe(
      "-- connbridge: not translated: SingleStore has no ssh_tunnel connection\n-- CREATE CONNECTION t TO SSH TUNNEL (HOST 'bastion', USER 'mz')\n",
    );
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([["error", "translate.unsupported-kind"]]);
  });
});

describe("SingleStore → Materialize", () => {
  it("turns the seed's Kafka link into a CREATE SECRET and a KAFKA connection once the broker is supplied", () => {
    const missing = translate(KAFKA_LINK, { from: "singlestore", to: "materialize" });
    const error = missing.diagnostics.find((d) => d.severity === "error");
    expect(error).toMatchObject({ code: "translate.missing-required", path: "connection.brokers" });
    expect(error?.message).toContain("brokers");

    const supplied = translate(KAFKA_LINK, {
      from: "singlestore",
      to: "materialize",
      supply: { mylink: { brokers: "broker-1:9092" } },
    });
    expect(supplied.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(supplied.text).toBe(
      "CREATE SECRET mylink_sasl_password AS 'your_sasl_secret_key';\n" +
        "CREATE CONNECTION mylink TO KAFKA (BROKER = 'broker-1:9092', SECURITY PROTOCOL = 'SASL_SSL', SASL MECHANISMS = 'PLAIN', SASL USERNAME = 'your_sasl_username', SASL PASSWORD = SECRET mylink_sasl_password);\n",
    );
    // The output is valid Materialize: it passes the platform's checks.
    expect(parse(supplied.text, { dialect: "materialize" }).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("keeps non-secret credentials as text", () => {
    const sql = `CREATE LINK m AS MYSQL CONFIG '{"database.hostname":"db"}' CREDENTIALS '{"database.user":"app","database.password":"pw"}'`;
    const result = translate(sql, { from: "singlestore", to: "materialize" });
    expect(result.text).toContain("USER = 'app'");
    expect(result.text).toContain("PASSWORD = SECRET m_password");
  });

  it("makes a plaintext Kafka link explicit, since Materialize would otherwise assume SSL", () => {
    const sql = `CREATE LINK k AS KAFKA CREDENTIALS '{}'`;
    const result = translate(sql, { from: "singlestore", to: "materialize", supply: { k: { brokers: "b:9092" } } });
    expect(result.text).toContain("SECURITY PROTOCOL = 'PLAINTEXT'");
  });
});

describe("translation within one dialect", () => {
  it("is the canonical form, and says which translation options had nothing to do", () => {
    const result = translate("show connections", { from: "materialize", to: "materialize", secrets: { a: "x" }, placeholders: true });
    expect(result.text).toBe("SHOW CONNECTIONS;\n");
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "translate.options-ignored", message: expect.stringContaining("secrets, placeholders") }),
    ]);
    expect(translate("show connections", { from: "materialize", to: "materialize" }).diagnostics).toEqual([]);
  });
});

describe("fuzz findings, kept as specifications", () => {
  it("keeps a DROP of a name the target refuses as a comment, with an error naming the field", () => {
    const long = "n".repeat(300);
    const result = translate(`DROP LINK \`${long}\`;`, { from: "singlestore", to: "materialize" });
    expect(result.text.split("\n").filter((l) => l.trim() !== "").every((l) => l.startsWith("--"))).toBe(true);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: "error", code: "translate.invalid-name", path: "names[0]" }));
  });

  it("masks under redaction a value the source kept as a secret, even in a field that is not sensitive", () => {
    const sql = "CREATE SECRET u AS 'the-user'; CREATE CONNECTION k TO KAFKA (BROKER 'b:9092', SASL MECHANISMS 'PLAIN', SASL USERNAME SECRET u, SASL PASSWORD SECRET u);";
    expect(translate(sql, { from: "materialize", to: "singlestore", redact: true }).text).not.toContain("the-user");
    expect(translate(sql, { from: "materialize", to: "singlestore" }).text).toContain('"sasl.username":"the-user"');
  });

  it.each([
    ["singlestore", "SELECT 'a\\'' AS x, \"b\\\"'\" AS y"],
    ["singlestore", "SELECT $tag$'$tag$' # it's\n"],
    ["materialize", "SELECT $$'$$ -- it's\n"],
  ] as const)("redacting %s text kept as written keeps it readable as the same statements: %s", (dialect, sql) => {
    const redacted = format(sql, { dialect, redact: true });
    expect(parse(redacted.text, { dialect }).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(format(redacted.text, { dialect }).text).toBe(redacted.text);
  });
});
