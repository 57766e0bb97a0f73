import { describe, expect, it } from "vitest";
import { format, parse } from "../../src/index.js";

const mz = { dialect: "materialize" } as const;

function firstError(sql: string) {
  return parse(sql, mz).diagnostics.find((d) => d.severity === "error");
}

describe("bad input gets positioned diagnostics, never an exception", () => {
  it("truncated statements", () => {
    for (const sql of ["CREATE CONNECTION", "CREATE CONNECTION k TO KAFKA (BROKER 'a", "CREATE CONNECTION k TO KAFKA (BROKER 'a:1',", "ALTER SECRET s AS"]) {
      const error = firstError(sql);
      expect(error?.span?.start.line).toBe(1);
      expect(error?.span?.start.column).toBeGreaterThan(0);
    }
  });

  it("reports the end of input as the place a truncated statement stops", () => {
    expect(firstError("CREATE CONNECTION k TO KAFKA (BROKER 'a:1',")).toMatchObject({
      message: expect.stringContaining("found EOF"),
      span: { start: { line: 1, column: 44 } },
    });
  });

  it("garbage bytes", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 50; n++) {
      const text = Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(random() * 256))).join("");
      const result = format(text, mz);
      if (result.diagnostics.some((d) => d.severity === "error")) {
        expect(result.diagnostics.filter((d) => d.severity === "error").every((d) => d.span !== undefined)).toBe(true);
      }
    }
    expect(firstError("\u0000\u0001\u00ff{}")?.span?.start).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it("one megabyte of parentheses", () => {
    const error = firstError("(".repeat(1 << 20));
    expect(error?.span?.start).toEqual({ line: 1, column: 1, offset: 0 });
    const nested = firstError(`CREATE CONNECTION k TO KAFKA (BROKERS ${"(".repeat(1 << 20)}`);
    expect(nested?.message).toMatch(/nesting limit|too large|exceeds/);
  });

  it("deeply nested expressions", () => {
    const error = firstError(`CREATE SECRET s AS ${"-".repeat(200_000)}1`);
    expect(error?.span).toBeDefined();
  });

  it("unterminated strings, identifiers and dollar quotes", () => {
    expect(firstError("CREATE SECRET s AS 'abc")?.message).toBe("unterminated quoted string");
    expect(firstError('DROP SECRET "abc')?.message).toBe("unterminated quoted identifier");
    expect(firstError("CREATE SECRET s AS $x$abc")?.message).toBe("unterminated dollar-quoted string");
  });
});

describe("robustness of the API surface", () => {
  it("treats built-in property names as unknown dialects", () => {
    for (const dialect of ["__proto__", "toString", "constructor"]) {
      const result = parse("SELECT 1", { dialect: dialect as "materialize" });
      expect(result.diagnostics[0]?.code).toBe("dialect.unsupported");
    }
  });

  it("refuses absurdly deep IR instead of overflowing the stack", async () => {
    const { emit } = await import("../../src/index.js");
    let deep: unknown = "x";
    for (let i = 0; i < 5000; i++) deep = [deep];
    const program = {
      statements: [{ kind: "create_connection", name: { parts: [{ value: "c", quoted: false }] }, connection: { kind: "ipfs", extras: { flink: { y: deep } } } }],
    };
    const result = emit(program, { dialect: "materialize" });
    expect(result.diagnostics[0]?.message).toMatch(/nested more than \d+ levels deep/);
  });

  it("leaves an unterminated string as written, idempotently", () => {
    const once = format("ALTER SECRET s AS 'abc", mz).text;
    expect(once).toBe("ALTER SECRET s AS 'abc\n");
    expect(format(once, mz).text).toBe(once);
  });

  it("escapes control characters in messages", () => {
    expect(firstError("DROP SECRET \u007f")?.message).toBe('Expected identifier, found unexpected character "\\u007f"');
  });
});
