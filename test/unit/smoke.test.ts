import { describe, expect, it } from "vitest";
import { format } from "../../src/index.js";

describe("format (materialize)", () => {
  it("re-prints the legacy FOR form as TO ... (...)", () => {
    const result = format("CREATE CONNECTION pgconn FOR postgres HOST foo, PORT 1234, USER 'postgres', DATABASE d", {
      dialect: "materialize",
    });
    expect(result.text).toBe("CREATE CONNECTION pgconn TO POSTGRES (HOST = foo, PORT = 1234, USER = 'postgres', DATABASE = d);\n");
    expect(result.diagnostics).toEqual([]);
  });
});
