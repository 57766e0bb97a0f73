import { describe, expect, it } from "vitest";
import { connbridge } from "./run.js";

describe("code frames mask exactly what is sensitive", () => {
  it("masks SingleStore's double-quoted and backslash-escaped strings in a statement that does not parse", () => {
    const sql = `CREATE LINK k AS KAFKA CONFIG '{"x":"it\\'s"}' CREDENTIALS "{\\"sasl.password\\":\\"hunter2\\"}" DESCRIPTION;\n`;
    const result = connbridge(["check", "--dialect", "singlestore"], { input: sql });
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stderr).not.toContain("it\\'s");
    expect(result.stderr).toContain("CREDENTIALS \"***\"");
  });

  it("masks every string form of any dialect when the statement was read as the wrong dialect", () => {
    const sql = `CREATE LINK k AS KAFKA CREDENTIALS "{\\"sasl.password\\":\\"hunter2\\"}";\n`;
    const result = connbridge(["check", "--dialect", "materialize"], { input: sql });
    expect(result.stderr).not.toContain("hunter2");
  });

  it("shows a broker and masks the password beside it", () => {
    const sql = "CREATE CONNECTION k TO KAFKA (BROKER 'broker1:9092', SASL PASSWORD 'hunter2', PORT 'x');\n";
    const result = connbridge(["check"], { input: sql });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("BROKER 'broker1:9092'");
    expect(result.stderr).toContain("SASL PASSWORD '***'");
    expect(result.stderr).not.toContain("hunter2");
  });

  it("shows a link's CONFIG and masks its CREDENTIALS values and misspelt secret keys", () => {
    const sql = `CREATE LINK k AS KAFKA CONFIG '{"security.protocol":"SASL_SSL","sasl.passwrd":"hunter2"}' CREDENTIALS '{"sasl.password":"hunter3"}';\n`;
    const result = connbridge(["check", "--dialect", "singlestore"], { input: sql });
    expect(result.stderr).toContain('"security.protocol":"SASL_SSL"');
    expect(result.stderr).not.toMatch(/hunter[23]/);
  });

  it("masks Materialize secret values in translation input", () => {
    const sql = "CREATE SECRET pw AS 'hunter2'; CREATE CONNECTION k TO KAFKA (BROKER 'b:1', SASL MECHANISMS 'PLAIN', SASL USERNAME 'u', SASL PASSWORD SECRET pw, PORT 'x');\n";
    const result = connbridge(["translate", "--to", "singlestore"], { input: sql });
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stdout).toContain("hunter2");
  });

  it("names the field a diagnostic is about on its first line", () => {
    const sql = "CREATE CONNECTION k TO KAFKA (BROKER 'b:9092', SASL MECHANISMS 'PLAIN', SASL USERNAME 'u', SASL PASSWORD SECRET pw);\n";
    const result = connbridge(["translate", "--to", "singlestore", "--placeholders"], { input: sql });
    expect(result.stderr).toMatch(/translate\.secret-placeholder: .* \[connection\.sasl\.password\]\n/);
  });
});

describe("parse --redact", () => {
  it("writes IR that holds no sensitive value", () => {
    const sql = "CREATE SECRET pw AS 'hunter2'; CREATE CONNECTION r TO CONFLUENT SCHEMA REGISTRY (URL 'https://u:hunter3@reg', PASSWORD SECRET pw);\n";
    const plain = connbridge(["parse"], { input: sql });
    expect(plain.stdout).toContain("hunter2");
    const redacted = connbridge(["parse", "--redact"], { input: sql });
    expect(redacted.status).toBe(0);
    expect(redacted.stdout).not.toMatch(/hunter[23]/);
    expect(redacted.stdout).toContain("https://u:********@reg");
  });
});
