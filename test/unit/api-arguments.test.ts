// The API checks its arguments: every class of bad option is an error
// diagnostic naming the option (never its value), the function then returns
// no output, and an option it does not know is a warning. Each class is
// checked on every function that takes the option.
import { describe, expect, it } from "vitest";
import { emit, format, parse, translate, type Diagnostic } from "../../src/index.js";

type Call = (options: unknown) => { diagnostics: Diagnostic[]; text?: string; program?: unknown };

const CALLS: Record<string, Call> = {
  parse: (o) => parse("SHOW CONNECTIONS", o as never),
  format: (o) => format("SHOW CONNECTIONS", o as never),
  emit: (o) => emit({ statements: [{ kind: "show", objectType: "connections" }] }, o as never),
  translate: (o) => translate("SHOW CONNECTIONS", o as never),
};

const VALID: Record<string, Record<string, unknown>> = {
  parse: { dialect: "materialize" },
  format: { dialect: "materialize" },
  emit: { dialect: "materialize" },
  translate: { from: "materialize", to: "singlestore" },
};

/** The functions that take an option. */
function takers(option: string): string[] {
  const takes: Record<string, string[]> = {
    width: ["format", "emit", "translate"],
    redact: ["format", "emit", "translate"],
    check: ["parse"],
    strict: ["translate"],
    placeholders: ["translate"],
    pipelineTemplate: ["translate"],
    secrets: ["translate"],
    supply: ["translate"],
  };
  return takes[option]!;
}

/** The call was refused: errors of `code` only, and no output at all. */
function expectRefused(result: ReturnType<Call>, code: string, fn: string): Diagnostic[] {
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.every((d) => d.code === code)).toBe(true);
  if (fn === "parse") expect(result.program).toEqual({ statements: [] });
  else expect(result.text).toBe("");
  return errors;
}

describe("options that are missing or not an object", () => {
  for (const [fn, call] of Object.entries(CALLS)) {
    for (const options of [undefined, null, "materialize", 42, [], true]) {
      it(`${fn} with options ${JSON.stringify(options) ?? "undefined"}`, () => {
        const [e] = expectRefused(call(options), "options.invalid", fn);
        expect(e!.message).toMatch(new RegExp(`^the options of ${fn} must be an object, got `));
      });
    }
  }
});

describe("dialects", () => {
  it("a missing dialect is named", () => {
    expect(expectRefused(CALLS.parse!({}), "options.invalid", "parse").map((d) => d.message)).toEqual(["option dialect of parse is required"]);
    expect(expectRefused(CALLS.translate!({}), "options.invalid", "translate").map((d) => d.message)).toEqual([
      "option from of translate is required",
      "option to of translate is required",
    ]);
  });

  it("a dialect that is not a string is named", () => {
    for (const [fn, key] of [["parse", "dialect"], ["format", "dialect"], ["emit", "dialect"], ["translate", "from"], ["translate", "to"]] as const) {
      for (const value of [5, null, ["materialize"], { id: "materialize" }]) {
        const [e] = expectRefused(CALLS[fn]!({ ...VALID[fn], [key]: value }), "options.invalid", fn);
        expect(e!.message).toMatch(new RegExp(`^option ${key} of ${fn}: expected a string, got `));
      }
    }
  });

  it("a string that is no dialect is unsupported, not invalid", () => {
    for (const fn of ["parse", "format", "emit"]) {
      expectRefused(CALLS[fn]!({ dialect: "mysql" }), "dialect.unsupported", fn);
    }
  });
});

describe("text that is not a string", () => {
  for (const [fn, call] of [
    ["parse", (t: unknown) => parse(t as string, { dialect: "materialize" })],
    ["format", (t: unknown) => format(t as string, { dialect: "materialize" })],
    ["translate", (t: unknown) => translate(t as string, { from: "materialize", to: "singlestore" })],
  ] as const) {
    it(fn, () => {
      for (const text of [undefined, null, 5, ["SHOW CONNECTIONS"], { sql: "SHOW CONNECTIONS" }]) {
        const [e] = expectRefused(call(text), "input.invalid", fn);
        expect(e!.message).toMatch(new RegExp(`^the text given to ${fn} must be a string, got `));
      }
    });
  }
});

describe("width that is not a positive integer", () => {
  for (const fn of takers("width")) {
    it(fn, () => {
      for (const width of [0, -3, 1.5, Number.NaN, Infinity, "80", null, true]) {
        const [e] = expectRefused(CALLS[fn]!({ ...VALID[fn], width }), "options.invalid", fn);
        expect(e!.message).toMatch(new RegExp(`^option width of ${fn}: expected an integer >= 1, got `));
      }
      for (const width of [1, 80, undefined]) {
        expect(CALLS[fn]!({ ...VALID[fn], width }).diagnostics.filter((d) => d.code.startsWith("options."))).toEqual([]);
      }
    });
  }
});

describe("flags that are not booleans", () => {
  for (const flag of ["check", "redact", "strict", "placeholders", "pipelineTemplate"]) {
    for (const fn of takers(flag)) {
      it(`${flag} of ${fn}`, () => {
        for (const value of ["yes", 1, null, {}]) {
          const [e] = expectRefused(CALLS[fn]!({ ...VALID[fn], [flag]: value }), "options.invalid", fn);
          expect(e!.message).toMatch(new RegExp(`^option ${flag} of ${fn}: expected a boolean, got `));
        }
      });
    }
  }
});

describe("secrets that are not an object of strings", () => {
  const translateWith = (secrets: unknown) => CALLS.translate!({ ...VALID.translate, secrets });

  it("names the option, or the secret whose value is not a string", () => {
    expect(expectRefused(translateWith("hunter2"), "options.invalid", "translate")[0]!.message).toBe(
      "option secrets of translate: expected an object, got a string",
    );
    expect(expectRefused(translateWith({ pw: 8675309 }), "options.invalid", "translate")[0]!.message).toBe(
      "option secrets.pw of translate: expected a string, got a number",
    );
    expect(expectRefused(translateWith({ "a/b": null }), "options.invalid", "translate")[0]!.message).toMatch(/^option secrets\.a\/b of translate:/);
  });

  it("never shows a value", () => {
    for (const secrets of ["hunter2", ["hunter2"], { pw: 8675309 }, { pw: { value: "hunter2" } }, { pw: true }]) {
      for (const d of translateWith(secrets).diagnostics) expect(`${d.message} ${d.hint ?? ""}`).not.toMatch(/hunter2|8675309|true/);
    }
  });
});

describe("supply that is not an object of objects", () => {
  it("names the option, or the connection whose entry is not an object", () => {
    const translateWith = (supply: unknown) => CALLS.translate!({ ...VALID.translate, supply });
    expect(expectRefused(translateWith("k:brokers=b:1"), "options.invalid", "translate")[0]!.message).toBe(
      "option supply of translate: expected an object, got a string",
    );
    expect(expectRefused(translateWith({ k: "brokers=b:1" }), "options.invalid", "translate")[0]!.message).toBe(
      "option supply.k of translate: expected an object, got a string",
    );
    expect(expectRefused(translateWith({ k: ["b:1"] }), "options.invalid", "translate")[0]!.message).toBe(
      "option supply.k of translate: expected an object, got an array",
    );
  });
});

describe("options a function does not know", () => {
  it("are warnings naming the key, and the call goes on", () => {
    const result = format("show connections", { dialect: "materialize", widht: 80 } as never);
    expect(result.text).toBe("SHOW CONNECTIONS;\n");
    expect(result.diagnostics).toEqual([
      { severity: "warning", code: "options.unknown", message: 'format has no option "widht"; it is ignored', hint: "options of format: dialect, width, redact, fix" },
    ]);
  });

  it("include options of other functions", () => {
    const result = parse("SHOW CONNECTIONS", { dialect: "materialize", width: 80 } as never);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["options.unknown"]);
    expect(result.program.statements).toHaveLength(1);
  });
});

describe("the safety net", () => {
  it("turns an exception into an internal.error diagnostic that does not repeat the exception's message", () => {
    const options = {
      dialect: "materialize",
      get width(): number {
        throw new Error("the caller's secret text");
      },
    };
    for (const result of [format("SHOW CONNECTIONS", options), emit({ statements: [] }, options)]) {
      expect(result.text).toBe("");
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]).toMatchObject({ severity: "error", code: "internal.error" });
      expect(result.diagnostics[0]!.message).not.toContain("secret");
    }
  });

  it("options objects without a prototype are options like any other", () => {
    const options = Object.assign(Object.create(null) as object, { dialect: "materialize" });
    expect(format("show connections", options as never)).toEqual({ text: "SHOW CONNECTIONS;\n", diagnostics: [], sensitiveSpans: [] });
  });
});
