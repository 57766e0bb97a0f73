// Scores connbridge against the platforms' own test statements.
//
//   npm run conformance -- <dir> [--json] [--floors scripts/conformance-floors.json] [--failures]
//
// <dir> is a conformance root (one folder per dialect, each with cases.jsonl)
// or a single dialect folder. Scoring follows the corpus README:
//   accept  — parsing and checking yield no error;
//   reject  — parsing or checking yields at least one error
//             (reject_reason `state`: the platform refused for session state,
//             so a text-only compiler must accept);
//   canonical — semantic: the canonical text parses to an equivalent IR;
//               textual: our formatter reproduces the canonical text exactly;
//   kind other — passes through unchanged, never crashes.
// Figures are reported per dialect and per kind.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parse, format, equivalent, DIALECT_IDS } from "../dist/index.js";

/**
 * Case origins whose corpus README says they exercise the parser only (the
 * platform never planned them): scored with the syntax layer alone.
 * Materialize: `parser-*` are parse-statement goldens, `tf-*` are SQL strings
 * of a provider's mocks (README: "accept at the syntax level only").
 */
const SYNTAX_ONLY_ORIGINS = { materialize: ["parser", "tf"] };

function parseArgs(argv) {
  const args = { dir: undefined, json: false, floors: undefined, failures: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") args.json = true;
    else if (a === "--failures") args.failures = true;
    else if (a === "--floors") args.floors = argv[++i];
    else if (args.dir === undefined) args.dir = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (args.dir === undefined) throw new Error("usage: conformance <dir> [--json] [--floors file] [--failures]");
  return args;
}

function dialectFolders(dir) {
  if (existsSync(join(dir, "cases.jsonl"))) return [[basename(dir), dir]];
  return readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory() && existsSync(join(dir, d, "cases.jsonl")))
    .sort()
    .map((d) => [d, join(dir, d)]);
}

const stripTerminator = (text) => text.replace(/;?\s*$/, "");
const hasError = (diagnostics) => diagnostics.some((d) => d.severity === "error");

function originOf(c) {
  return c.id.split("/")[1].split("-")[0];
}

function emptyTally() {
  return { cases: 0, accept: [0, 0], reject: [0, 0], acceptFullCheck: [0, 0], semantic: [0, 0], textual: [0, 0], passthrough: [0, 0], crashes: 0 };
}

function scoreCase(dialect, c, tally, failures) {
  tally.cases++;
  const syntaxOnly = (SYNTAX_ONLY_ORIGINS[dialect] ?? []).includes(originOf(c));
  let full;
  let syntax;
  try {
    full = parse(c.sql, { dialect });
    syntax = parse(c.sql, { dialect, check: false });
  } catch (e) {
    tally.crashes++;
    failures.push({ id: c.id, what: "crash", detail: String(e?.stack ?? e) });
    return;
  }
  const scored = syntaxOnly ? syntax : full;
  const expectAccept = c.expect === "accept" || c.reject_reason === "state";
  if (c.kind !== "other") {
    const bucket = expectAccept ? tally.accept : tally.reject;
    bucket[1]++;
    const agrees = expectAccept ? !hasError(scored.diagnostics) : hasError(scored.diagnostics);
    if (agrees) bucket[0]++;
    else failures.push({ id: c.id, what: expectAccept ? "rejected" : "accepted", sql: c.sql, detail: scored.diagnostics.filter((d) => d.severity === "error").map((d) => d.message).join("; ") || c.error });
    if (expectAccept) {
      tally.acceptFullCheck[1]++;
      if (!hasError(full.diagnostics)) tally.acceptFullCheck[0]++;
    }
  }
  if (c.kind === "other") {
    tally.passthrough[1]++;
    const out = format(c.sql, { dialect });
    const verbatim = syntax.program.statements.every((s) => s.kind === "verbatim");
    if (verbatim ? stripTerminator(out.text) === stripTerminator(c.sql.trim()) : true) tally.passthrough[0]++;
    else failures.push({ id: c.id, what: "passthrough", sql: c.sql, detail: out.text });
  }
  if (c.canonical !== undefined && c.kind !== "other") {
    tally.semantic[1]++;
    tally.textual[1]++;
    const canonical = parse(c.canonical, { dialect, check: false });
    if (!hasError(canonical.diagnostics) && equivalent(syntax.program.statements, canonical.program.statements)) tally.semantic[0]++;
    else failures.push({ id: c.id, what: "semantic", sql: c.sql, detail: c.canonical });
    const out = format(c.sql, { dialect });
    if (stripTerminator(out.text) === stripTerminator(c.canonical)) tally.textual[0]++;
    else failures.push({ id: c.id, what: "textual", sql: c.sql, detail: `expected ${c.canonical}\n      got ${stripTerminator(out.text)}` });
  }
}

const pct = ([ok, n]) => (n === 0 ? "   n/a" : `${((100 * ok) / n).toFixed(1).padStart(5)}%`);
const frac = ([ok, n]) => `${ok}/${n}`;

function main() {
  const args = parseArgs(process.argv.slice(2));
  const report = {};
  const allFailures = {};
  for (const [dialect, folder] of dialectFolders(args.dir)) {
    if (!DIALECT_IDS.includes(dialect)) continue;
    const cases = readFileSync(join(folder, "cases.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
    const probe = parse("", { dialect });
    if (probe.diagnostics.some((d) => d.code === "dialect.unsupported")) {
      report[dialect] = { implemented: false, cases: cases.length };
      continue;
    }
    const byKind = {};
    const total = emptyTally();
    const failures = [];
    for (const c of cases) {
      byKind[c.kind] ??= emptyTally();
      scoreCase(dialect, c, byKind[c.kind], failures);
    }
    for (const t of Object.values(byKind)) for (const [k, v] of Object.entries(t)) {
      if (Array.isArray(v)) { total[k][0] += v[0]; total[k][1] += v[1]; } else total[k] += v;
    }
    report[dialect] = { implemented: true, total, byKind };
    allFailures[dialect] = failures;
  }

  if (args.json) {
    console.log(JSON.stringify({ report, ...(args.failures ? { failures: allFailures } : {}) }, null, 2));
  } else {
    for (const [dialect, r] of Object.entries(report)) {
      if (!r.implemented) {
        console.log(`${dialect}: not implemented (${r.cases} cases skipped)`);
        continue;
      }
      console.log(`\n${dialect}`);
      console.log("  kind                 cases   accept          reject          canon-semantic  canon-textual   passthrough  crashes   accept(full check)");
      const rows = [...Object.entries(r.byKind).sort(), ["TOTAL", r.total]];
      for (const [kind, t] of rows) {
        console.log(
          `  ${kind.padEnd(20)} ${String(t.cases).padStart(5)}   ${pct(t.accept)} ${frac(t.accept).padEnd(8)} ${pct(t.reject)} ${frac(t.reject).padEnd(8)} ${pct(t.semantic)} ${frac(t.semantic).padEnd(8)} ${pct(t.textual)} ${frac(t.textual).padEnd(8)} ${frac(t.passthrough).padEnd(12)} ${String(t.crashes).padStart(7)}   ${pct(t.acceptFullCheck)} ${frac(t.acceptFullCheck)}`,
        );
      }
      if (args.failures) for (const f of allFailures[dialect]) console.log(`  FAIL ${f.what} ${f.id}\n      ${f.sql?.replace(/\n/g, "\\n") ?? ""}\n      ${f.detail ?? ""}`);
    }
    const syntaxOnly = Object.entries(SYNTAX_ONLY_ORIGINS).map(([d, o]) => `${d}: ${o.join(", ")}`).join("; ");
    console.log(`\naccept/reject of connection and secret kinds; origins scored at the syntax layer (their README says so): ${syntaxOnly}`);
  }

  if (args.floors !== undefined) {
    const floors = JSON.parse(readFileSync(args.floors, "utf8"));
    const below = [];
    for (const [dialect, metrics] of Object.entries(floors)) {
      const r = report[dialect];
      if (r === undefined || !r.implemented) continue;
      for (const [metric, floor] of Object.entries(metrics)) {
        const value = metric === "crashes" ? r.total.crashes : (() => { const [ok, n] = r.total[metric]; return n === 0 ? 100 : (100 * ok) / n; })();
        const fails = metric === "crashes" ? value > floor : value + 1e-9 < floor;
        if (fails) below.push(`${dialect} ${metric}: ${metric === "crashes" ? value : value.toFixed(2) + "%"} (floor ${floor})`);
      }
    }
    if (below.length > 0) {
      console.error(`conformance below floor:\n  ${below.join("\n  ")}`);
      process.exit(1);
    }
    if (!args.json) console.log("conformance floors met");
  }
}

try {
  main();
} catch (e) {
  console.error(`conformance: ${e.message}`);
  process.exit(2);
}
