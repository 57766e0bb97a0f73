import { describe, expect, it } from "vitest";
import { connbridge } from "./run.js";

describe("code frames never show string contents", () => {
  it("masks SingleStore's double-quoted and backslash-escaped strings", () => {
    const sql = `CREATE LINK k AS KAFKA CONFIG '{"x":"it\\'s"}' CREDENTIALS "{\\"sasl.password\\":\\"hunter2\\"}" DESCRIPTION;\n`;
    const result = connbridge(["check", "--dialect", "singlestore"], { input: sql });
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stderr).not.toContain("it\\'s");
    expect(result.stderr).toContain("CREDENTIALS \"***\"");
  });

  it("masks Materialize strings in translation input", () => {
    const sql = "CREATE SECRET pw AS 'hunter2'; CREATE CONNECTION k TO KAFKA (BROKER 'b:1', SASL MECHANISMS 'PLAIN', SASL USERNAME 'u', SASL PASSWORD SECRET pw, PORT 'x');\n";
    const result = connbridge(["translate", "--to", "singlestore"], { input: sql });
    expect(result.stderr).not.toContain("hunter2");
  });
});
