// The fuzz harness's parts (scripts/fuzz-*.mjs): inputs are reproducible
// from a seed, each mutator and hostile shape does what it is named for,
// every oracle fires on the defect it stands for (and on nothing else for the
// real library), the minimiser reduces a planted failure to its core, and the
// watchdog ends a call that never returns and carries on with a fresh worker.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
// @ts-ignore -- plain ESM script without type declarations
import * as mutate from "../../scripts/fuzz-mutate.mjs";
// @ts-ignore -- plain ESM script without type declarations
import { probeNames, runProbes, selectProbes, shapeProblem, signatureOf } from "../../scripts/fuzz-probes.mjs";
// @ts-ignore -- plain ESM script without type declarations
import { ddmin, minimize } from "../../scripts/fuzz-minimize.mjs";
// @ts-ignore -- plain ESM script without type declarations
import { Lane, runInput } from "../../scripts/fuzz.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const DIALECTS = ["materialize", "singlestore"];

interface Rng {
  next(): number;
  int(n: number): number;
}
interface Input {
  index: number;
  dialect: string;
  text: string;
  planted: string[];
  prefixLength: number;
  secretsOption: Record<string, string>;
  optionSecret: string;
  supplyOption?: object;
  probes?: string[];
  recipe: string[];
}
interface Failure {
  probe: string;
  kind: string;
  oracle: string;
  detail: string;
}

const random = mutate.random as (seed: number) => Rng;
const corpus = mutate.loadCorpus(root, DIALECTS) as Record<string, { text: string; origin: string }[]>;

function context(dialect: string, variants = 0.3) {
  return { dialect, dialects: DIALECTS, corpus: corpus[dialect], others: [], vocabulary: ["CREATE", "CONNECTION", "SECRET"], maxSize: 2000, variants };
}
const generate = (seed: number, index: number, dialect = "materialize", variants = 0.3): Input => mutate.generateInput(seed, index, context(dialect, variants));

describe("inputs", () => {
  it("come from the golden files and examples of each dialect (and the conformance corpus when it is there)", () => {
    for (const dialect of DIALECTS) {
      expect(corpus[dialect].length).toBeGreaterThan(20);
      expect(corpus[dialect].some((e) => e.origin.startsWith(`golden/${dialect}/`))).toBe(true);
    }
    expect(corpus.materialize.some((e) => e.origin.startsWith("examples/materialize/"))).toBe(true);
  });

  it("are the same for the same seed, dialect and number, and differ otherwise", () => {
    for (const dialect of DIALECTS) {
      const first = Array.from({ length: 40 }, (_, k) => generate(5, k, dialect));
      const again = Array.from({ length: 40 }, (_, k) => generate(5, k, dialect));
      expect(again).toEqual(first);
      const other = Array.from({ length: 40 }, (_, k) => generate(6, k, dialect));
      expect(other.filter((input, k) => input.text !== first[k].text).length).toBeGreaterThan(30);
    }
  });

  it("draw the probes apart from the text: sampling variants does not change input k", () => {
    const sampled = generate(3, 17, "singlestore", 0.3);
    const all = generate(3, 17, "singlestore", 1);
    expect(all.text).toBe(sampled.text);
    expect(all.probes).toEqual(probeNames("singlestore", DIALECTS));
    // The plain call of every function and every pair is always among them.
    for (const probe of ["parse", "format", "translate singlestore>materialize", "translate singlestore>singlestore", "emit singlestore>materialize", "emit singlestore>singlestore"]) {
      expect(sampled.probes).toContain(probe);
    }
  });

  it("stay within the size a call can read in time, however large the hostile shape", () => {
    for (const dialect of DIALECTS) {
      const ctx = { ...context(dialect), maxSize: 20_000 };
      for (let k = 0; k < 300; k++) {
        const input: Input = mutate.generateInput(9, k, ctx);
        expect(input.text.length - input.prefixLength, input.recipe.join(", ")).toBeLessThanOrEqual(mutate.MAX_INPUT_CHARS);
      }
    }
  });

  it("over many seeds use every mutator, hostile shape and planted statement", () => {
    const recipes = Array.from({ length: 600 }, (_, k) => generate(1, k, k % 2 === 0 ? "materialize" : "singlestore").recipe).flat();
    for (const name of [...Object.keys(mutate.MUTATORS), ...Object.keys(mutate.SHAPES), "hostile statement", "planted secret", "planted secret (tail damaged)"]) {
      expect(recipes.some((step) => step === name || step.startsWith(`${name} `))).toBe(true);
    }
  });
});

describe("mutators", () => {
  const text = "CREATE CONNECTION k TO KAFKA (BROKER 'b:9092', SASL PASSWORD SECRET pw); -- é";

  it("split tokens so that joining them gives the text back", () => {
    for (const entry of corpus.materialize.slice(0, 200)) expect((mutate.tokens(entry.text) as string[]).join("")).toBe(entry.text);
  });

  it("flip bytes of the UTF-8 encoding, decoding what is left leniently", () => {
    const results = Array.from({ length: 50 }, (_, s) => mutate.byteFlip(random(s), text) as string);
    expect(results.filter((r) => r !== text).length).toBeGreaterThan(40);
    expect(results.some((r) => r.includes("\ufffd"))).toBe(true);
  });

  it("cut the text at a point: the result is a prefix", () => {
    for (let s = 0; s < 50; s++) expect(text.startsWith(mutate.truncate(random(s), text))).toBe(true);
  });

  it("splice two texts: the result starts with a prefix of the first", () => {
    for (let s = 0; s < 50; s++) {
      const other = "DROP LINK x;";
      const out: string = mutate.splice(random(s), text, other);
      // A prefix of the text, then a suffix of the other (or the other whole and the rest of the text).
      const forms = Array.from({ length: text.length + 1 }, (_, a) => a).filter(
        (a) => out.startsWith(text.slice(0, a)) && (other.endsWith(out.slice(a)) || out.slice(a) === other + text.slice(a)),
      );
      expect(forms.length).toBeGreaterThan(0);
    }
  });

  it("insert characters that are not plain ASCII", () => {
    for (let s = 0; s < 50; s++) expect(/[^\x20-\x7e]/.test(mutate.unicode(random(s), "abc") as string)).toBe(true);
  });

  it("edit tokens: the result differs from the text in most runs", () => {
    const edited = Array.from({ length: 50 }, (_, s) => mutate.tokenEdit(random(s), text, ["CASCADE"]) as string);
    expect(edited.filter((r) => r !== text).length).toBeGreaterThan(40);
  });

  it("make each hostile shape as large as asked", () => {
    const n = 3000;
    const base = "CREATE CONNECTION k TO KAFKA (BROKER 'b:9092', PROGRESS TOPIC 't');";
    for (const [name, shape] of Object.entries(mutate.SHAPES as Record<string, (rng: Rng, text: string, n: number) => string>)) {
      const out = shape(random(1), base, n);
      expect(out.length, name).toBeGreaterThanOrEqual(n);
      expect(out, name).not.toBe(base);
    }
    for (const [dialect, builders] of Object.entries(mutate.HOSTILE_STATEMENTS as Record<string, ((n: number) => string)[]>)) {
      for (const build of builders) expect(build(n).length, `${dialect}: ${build(1)}`).toBeGreaterThanOrEqual(n);
    }
  });

  it("plant values that stay inside a string opened in a sensitive place, damaged or not", () => {
    for (const dialect of DIALECTS) {
      for (let s = 0; s < 200; s++) {
        const planted = mutate.plantedStatement(random(s), dialect) as { text: string; values: string[]; damaged: boolean };
        if (planted.values.length === 0) continue; // a template that only references a secret
        // A value is written as it is, or as its base64 text (the decoded value then appears nowhere).
        const at = Math.max(...planted.values.map((v) => planted.text.indexOf(v)));
        expect(at).toBeGreaterThan(0);
        if (planted.damaged) expect(planted.text.slice(0, at)).toMatch(/['"$]$/);
      }
    }
  });
});

describe("oracles", () => {
  const PLANTED = "ZqAAAAAAAAAAXj";
  const input = (text: string, extra: Partial<Input> = {}): Input => ({
    index: 0,
    dialect: "materialize",
    text,
    planted: [],
    prefixLength: 0,
    secretsOption: { pw: "ZqBBBBBBBBBBXj" },
    optionSecret: "ZqBBBBBBBBBBXj",
    recipe: [],
    ...extra,
  });
  const clean = "CREATE SECRET pw AS 'ZqAAAAAAAAAAXj';\nCREATE CONNECTION p TO POSTGRES (HOST 'h', USER 'u', PASSWORD SECRET pw);";
  const run = (lib: object, only: string[], text = clean) => runProbes(lib, input(text, { planted: [PLANTED] }), DIALECTS, { only }).failures as Failure[];
  const ok = { diagnostics: [], sensitiveSpans: [] };

  it("find nothing wrong with the library on real statements, every probe", () => {
    for (const dialect of DIALECTS) {
      for (const entry of corpus[dialect].slice(0, 15)) {
        const failures = runProbes(api, input(entry.text, { dialect }), DIALECTS).failures as Failure[];
        expect(failures, entry.origin).toEqual([]);
      }
    }
  });

  // Each oracle against a library with that one defect injected.
  const defects: [string, string, string, object][] = [
    ["a throw", "parse", "throw", { parse: () => { throw new RangeError("boom"); } }],
    ["the safety net's diagnostic", "format", "internal.error", { format: () => ({ ...ok, text: "", diagnostics: [{ severity: "error", code: "internal.error", message: "internal error in format (RangeError)" }] }) }],
    ["a result without text", "translate materialize>singlestore", "shape", { translate: () => ({ ...ok, text: 1 }) }],
    ["a span past the end of the input", "format", "shape", { format: () => ({ ...ok, text: "", diagnostics: [{ severity: "error", code: "x.y", message: "m", span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 9999 } } }] }) }],
    ["a diagnostic without a code", "parse", "shape", { parse: () => ({ ...ok, program: { statements: [] }, diagnostics: [{ severity: "error", message: "m" }] }) }],
    ["a planted value in a diagnostic", "parse check=false", "secret-in-diagnostics", { parse: () => ({ ...ok, program: { statements: [] }, diagnostics: [{ severity: "warning", code: "x.y", message: `value ${PLANTED}` }] }) }],
    ["a supplied secret in a diagnostic", "translate materialize>singlestore secrets", "secret-in-diagnostics", { translate: (_t: string, o: { secrets?: Record<string, string> }) => ({ ...ok, text: "", diagnostics: [{ severity: "info", code: "x.y", message: JSON.stringify(o.secrets) }] }) }],
    ["the input unmasked under redact", "format redact", "secret-in-output", { format: (t: string) => ({ ...ok, text: t }) }],
    ["a redacted program with the value", "parse redact", "secret-in-output", { parse: (t: string, o: object) => ({ ...api.parse(t, { ...(o as { dialect: "materialize" }), redact: false }) }) }],
    ["a planted value outside the sensitive spans", "parse", "sensitive-spans", { parse: (t: string, o: object) => ({ ...api.parse(t, o as { dialect: "materialize" }), sensitiveSpans: [] }) }],
    ["a program the IR schema refuses", "parse", "ir-invalid", { parse: () => ({ ...ok, program: { statements: [{ kind: "nonsense" }] } }) }],
    ["a format that changes its own output", "format width=40", "format-not-idempotent", { format: (t: string) => ({ ...ok, text: `${t}\n` }) }],
    ["a format whose output does not parse", "format", "format-unparsable", { format: () => ({ ...ok, text: "CREATE CONNECTION (" }) }],
    ["a translation whose output does not parse", "translate materialize>singlestore", "translate-unparsable", { translate: () => ({ ...ok, text: "CREATE LINK" }) }],
    ["an emit that changes its argument", "emit materialize>singlestore", "emit-mutates-program", { emit: (p: { statements: unknown[] }) => { p.statements.pop(); return { ...ok, text: "" }; } }],
  ];

  it.each(defects)("catch %s (%s → %s)", (_name, probe, oracle, defect) => {
    const failures = run({ ...api, ...defect }, [probe]);
    expect(failures.map((f) => f.oracle)).toContain(oracle);
    expect(failures.every((f) => f.probe === probe)).toBe(true);
  });

  it("check the shape of a real result and refuse broken ones", () => {
    const text = "CREATE CONNECTION x TO KAFKA (BROKER";
    expect(shapeProblem(api.parse(text, { dialect: "materialize" }), "parse", text.length)).toBeUndefined();
    expect(shapeProblem(api.format(text, { dialect: "materialize" }), "format", text.length)).toBeUndefined();
    expect(shapeProblem(null, "format", 1)).toMatch(/null/);
    expect(shapeProblem({ text: "", diagnostics: [{ severity: "fatal", code: "a.b", message: "m" }], sensitiveSpans: [] }, "format", 1)).toMatch(/severity/);
    expect(shapeProblem({ text: "", diagnostics: [], sensitiveSpans: [{ start: { line: 1, column: 1, offset: 3 }, end: { line: 1, column: 1, offset: 2 } }] }, "format", 9)).toMatch(/before it starts/);
  });

  it("count failures of one defect as one: numbers and planted values do not split a signature", () => {
    const a = { probe: "format width=40", kind: "hang", oracle: "hang", detail: "no result after 5012 ms" };
    const b = { probe: "format", kind: "hang", oracle: "hang", detail: "no result after 6120 ms" };
    expect(signatureOf(a)).toBe(signatureOf(b));
    const c = { ...a, kind: "oracle", oracle: "secret-in-output", detail: "a planted value (ZqAAAAAAAAAAXj) is in the redacted output" };
    expect(signatureOf(c)).toBe(signatureOf({ ...c, detail: c.detail.replace("ZqAAAAAAAAAAXj", "ZqCCCCCCCCCCXj") }));
    expect(signatureOf(c)).not.toBe(signatureOf(a));
  });

  it("sample the option variants, each of them seen over many inputs", () => {
    const seen = new Set<string>();
    for (let s = 0; s < 200; s++) for (const p of selectProbes(random(s), "materialize", DIALECTS, 0.3) as string[]) seen.add(p);
    expect([...seen].sort()).toEqual([...probeNames("materialize", DIALECTS)].sort());
  });
});

describe("minimiser", () => {
  it("reduces a failing input to its core, characters and lines", async () => {
    const core = (t: string) => t.includes("XYZ") && (t.match(/\(/g) ?? []).length >= 3;
    const noise = Array.from({ length: 60 }, (_, i) => `line ${i} ( with noise`).join("\n");
    const text = `${noise}\nthe XYZ failure\n${noise}`;
    expect(core(text)).toBe(true);
    const result = await minimize(text, async (t: string) => core(t), { seconds: 20 });
    expect(result.text).toHaveLength(6);
    expect(core(result.text)).toBe(true);
    expect(result.complete).toBe(true);
  });

  it("keeps the protected prefix whole", async () => {
    const prefix = "CREATE SECRET s AS 'ZqAAAAAAAAAAXj';\n";
    const result = await minimize(`${prefix}a\nb\nBOOM\nc`, async (t: string) => t.startsWith(prefix) && t.includes("BOOM"), { keep: prefix.length, seconds: 10 });
    expect(result.text).toBe(`${prefix}BOOM`);
  });

  it("stops at the deadline with the smallest failing input found so far", async () => {
    let tests = 0;
    const units = Array.from({ length: 1000 }, (_, i) => i);
    const result: number[] = await ddmin(units, async (c: number[]) => {
      tests++;
      await new Promise((r) => setTimeout(r, 5));
      return c.includes(500);
    }, Date.now() + 200);
    expect(result).toContain(500);
    expect(result.length).toBeLessThan(1000);
    expect(tests).toBeLessThan(60);
  });
});

describe("watchdog", () => {
  const dir = mkdtempSync(join(tmpdir(), "fuzz-watchdog-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const flag = join(dir, "hang-once");
  // A library whose parse never returns for the text "hang", and for "once" only while the flag file exists.
  const library = join(dir, "library.mjs");
  const result = "({ program: { statements: [] }, diagnostics: [], sensitiveSpans: [], text: '' })";
  writeFileSync(
    library,
    `import { existsSync, unlinkSync } from "node:fs";\n` +
      `export const parse = (t) => { if (t === "hang") for (;;) {} if (t === "once" && existsSync(${JSON.stringify(flag)})) { unlinkSync(${JSON.stringify(flag)}); for (;;) {} } return ${result}; };\n` +
      `export const format = () => ${result};\nexport const translate = () => ${result};\nexport const emit = () => ${result};\nexport const validateProgram = () => [];\n`,
  );
  const input = (text: string) => ({ dialect: "materialize", text, planted: [], secretsOption: {}, optionSecret: "ZqBBBBBBBBBBXj" });
  const ALL = probeNames("materialize", ["materialize"]) as string[];

  it("ends a call that never returns, names its probe, and runs the next job on a fresh worker", async () => {
    const lane = new Lane(pathToFileURL(library).href, ["materialize"], 300);
    await lane.start();
    try {
      const hung = await lane.run(input("hang"));
      expect(hung.hang).toBe("parse");
      const next = await lane.run(input("fine"));
      expect(next.failures).toEqual([]);
      expect(next.ran).toEqual(ALL);
      expect(lane.restarts).toBe(1);
    } finally {
      await lane.close();
    }
  });

  it("confirms a hang by running its probe alone, then runs the input's other probes", async () => {
    const lane = new Lane(pathToFileURL(library).href, ["materialize"], 300);
    await lane.start();
    try {
      const { ran, failures } = await runInput(lane, input("hang"), ALL);
      // Every probe that parses the input hangs (each confirmed alone), up to the cap per input.
      expect(failures.map((f: Failure) => f.kind)).toEqual(["hang", "hang", "hang"]);
      expect(failures[0].probe).toBe("parse");
      expect(ran.length).toBe(3);
    } finally {
      await lane.close();
    }
  });

  it("reports a call that hangs once and not alone as slow, and the input's other probes still run", async () => {
    writeFileSync(flag, "");
    const lane = new Lane(pathToFileURL(library).href, ["materialize"], 300);
    await lane.start();
    try {
      const { ran, failures } = await runInput(lane, input("once"), ALL);
      expect(failures.map((f: Failure) => [f.kind, f.probe])).toEqual([["slow", "parse"]]);
      expect([...ran].sort()).toEqual([...ALL].sort());
    } finally {
      await lane.close();
    }
  });
});
