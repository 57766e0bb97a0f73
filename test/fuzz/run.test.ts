// A tiny end-to-end run of the fuzz harness over the built library (dist/):
// the report has counts for every implemented dialect and every ordered pair,
// the figures add up, and the exit code says whether anything failed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DIALECT_IDS, parse } from "../../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const out = mkdtempSync(join(tmpdir(), "fuzz-run-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const KINDS = ["throw", "hang", "internal", "oracle", "crash", "harness", "slow"] as const;
/** A slow call (over the limit once, under it alone) is reported without failing the run. */
const FAILING = KINDS.filter((k) => k !== "slow");
type Row = Record<"inputs" | "calls" | (typeof KINDS)[number], number>;

function fuzz(...args: string[]) {
  return spawnSync(process.execPath, [join(root, "scripts/fuzz.mjs"), ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
}

const implemented = DIALECT_IDS.filter((d) => !parse("", { dialect: d }).diagnostics.some((x) => x.code === "dialect.unsupported"));

describe("npm run fuzz", () => {
  it("runs 50 inputs with seed 1 and reports counts per dialect and per pair", () => {
    const run = fuzz("--runs", "50", "--seed", "1", "--json", "--out", out, "--minimize-seconds", "5");
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as {
      seed: number;
      dialects: string[];
      totals: Row;
      perDialect: Record<string, Row>;
      perPair: Record<string, Row>;
      mutations: Record<string, number>;
      findings: { signature: string; kind: string; calls: number; file: string }[];
    };
    expect(report.seed).toBe(1);
    expect(report.dialects).toEqual(implemented);
    expect(Object.keys(report.perDialect)).toEqual(implemented);
    expect(Object.keys(report.perPair).sort()).toEqual(implemented.flatMap((from) => implemented.map((to) => `${from}>${to}`)).sort());
    expect(report.totals.inputs).toBe(50);
    // Inputs are taken from the dialects in turn.
    for (const row of Object.values(report.perDialect)) expect(row.inputs).toBeGreaterThanOrEqual(Math.floor(50 / implemented.length));
    for (const key of ["inputs", "calls", ...KINDS] as const) {
      expect(Object.values(report.perDialect).reduce((n, row) => n + row[key], 0)).toBe(report.totals[key]);
    }
    // Every input reaches every pair of its dialect, unless a call before them hangs.
    for (const [pair, row] of Object.entries(report.perPair)) {
      expect(row.inputs, pair).toBeGreaterThan(0);
      expect(row.inputs, pair).toBeLessThanOrEqual(report.perDialect[pair.split(">")[0]].inputs);
    }
    expect(report.mutations["corpus text"]).toBeGreaterThan(0);
    // Each distinct failure has its reproduction on disk; the exit code follows the counts.
    const failed = FAILING.some((k) => report.totals[k] > 0);
    expect(report.findings.some((f) => f.kind !== "slow")).toBe(failed);
    expect(readdirSync(out).filter((n) => n.endsWith(".sql") && !n.endsWith(".original.sql"))).toHaveLength(report.findings.length);
    expect(run.status).toBe(failed ? 1 : 0);
  });

  it("prints its closing figures in words of its own, apart from the test summary", () => {
    const run = fuzz("--runs", "4", "--seed", "2", "--out", out, "--minimize-seconds", "0");
    const last = run.stdout.trim().split("\n").pop()!;
    expect(last).toMatch(/^fuzz total: 4 inputs, \d+ probe runs, \d+ throws, \d+ hangs, \d+ internal errors, \d+ oracle failures/);
    expect(run.stdout).not.toMatch(/\d+ passed, \d+ failed/);
  });

  it("refuses a dialect that is not implemented and an unknown argument (exit 2)", () => {
    expect(fuzz("--dialect", "nosuch", "--runs", "1").status).toBe(2);
    expect(fuzz("--sekonds", "1").status).toBe(2);
  });
});
