#!/usr/bin/env node
// Performance figures for connbridge (materialize dialect), against the built
// library in dist/ and the CLI in bin/:
//   1. warm throughput of format (parse + check + emit) over a generated corpus;
//   2. first-statement latency in a fresh process (import + first format call);
//   3. CLI cold start for a one-statement file;
//   4. the machine.
// Targets are reported as ratios only: the exit code does not depend on them.
// The script exits non-zero only when it cannot measure (no dist build, or a
// corpus statement that does not parse cleanly).
//
// Usage: node scripts/bench.mjs [--json] [--quick] [--statements N] [--runs N]
//          [--seed N] [--processes N] [--cli-runs N] [--width N]

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { generateCorpus, DEFAULT_SEED, SAMPLE_STATEMENT } from "./bench-corpus.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST_ENTRY = path.join(ROOT, "dist", "index.js");
const CLI_ENTRY = path.join(ROOT, "bin", "connbridge.js");
const DIALECT = "materialize";

const TARGETS = {
  warmStatementsPerSecond: 20_000,
  firstStatementMs: 20,
  cliColdStartMs: 200,
};

// ---- Arguments ---------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    statements: { type: "string" },
    runs: { type: "string" },
    seed: { type: "string" },
    processes: { type: "string" },
    "cli-runs": { type: "string" },
    width: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (args.help) {
  process.stdout.write(
    "Usage: node scripts/bench.mjs [--json] [--quick] [--statements N] [--runs N] [--seed N]\n" +
      "                             [--processes N] [--cli-runs N] [--width N]\n" +
      "  --json        print one JSON object instead of text\n" +
      "  --quick       small settings for a smoke run (2,000 statements, 3 runs, 3 processes, 5 CLI runs)\n" +
      "  --statements  corpus size (default 20000)\n" +
      "  --runs        timed warm runs (default 5; the median is reported)\n" +
      "  --seed        corpus seed (default " + DEFAULT_SEED + ")\n" +
      "  --processes   fresh processes for the first-statement figure (default 9)\n" +
      "  --cli-runs    CLI cold-start runs (default 15)\n" +
      "  --width       line width passed to format (default: none, one line per statement)\n",
  );
  process.exit(0);
}

function intArg(name, fallback, min = 1) {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

const quick = args.quick;
const settings = {
  statements: intArg("statements", quick ? 2_000 : 20_000),
  runs: intArg("runs", quick ? 3 : 5),
  seed: intArg("seed", DEFAULT_SEED, 0),
  processes: intArg("processes", quick ? 3 : 9),
  cliRuns: intArg("cli-runs", quick ? 5 : 15),
  width: args.width === undefined ? undefined : intArg("width", 100),
};
const formatOptions = settings.width === undefined ? { dialect: DIALECT } : { dialect: DIALECT, width: settings.width };

// ---- Helpers -----------------------------------------------------------------------------

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

function progress(message) {
  if (!args.json && process.stderr.isTTY) process.stderr.write(`\r\x1b[K${message}`);
}

function progressDone() {
  if (!args.json && process.stderr.isTTY) process.stderr.write("\r\x1b[K");
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

const round = (n, digits = 1) => Number(n.toFixed(digits));
const int = (n) => Math.round(n).toLocaleString("en-US");
const ms = (n) => `${n.toFixed(1)} ms`;
const ratio = (n) => `${n.toFixed(1)}×`;

function elapsedMs(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Source files whose compiled counterpart in dist/ is missing or older. */
function staleDistFiles() {
  const stale = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        const rel = path.relative(path.join(ROOT, "src"), full).replace(/\.ts$/, ".js");
        const out = path.join(ROOT, "dist", rel);
        if (!existsSync(out) || statSync(out).mtimeMs < statSync(full).mtimeMs) stale.push(rel);
      }
    }
  };
  if (existsSync(path.join(ROOT, "src"))) walk(path.join(ROOT, "src"));
  return stale;
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    totalMemoryGiB: round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
}

// ---- Corpus ------------------------------------------------------------------------------

function describeStatement(statement) {
  switch (statement.kind) {
    case "create_connection":
      return `CREATE CONNECTION (${statement.connection.kind})`;
    default:
      return statement.kind.replace(/_/g, " ").toUpperCase();
  }
}

/** Parses every document; aborts on any error diagnostic or a statement count mismatch. */
function validateCorpus(lib, corpus) {
  const mix = new Map();
  const problems = [];
  let warnings = 0;
  let infos = 0;
  corpus.documents.forEach((doc, index) => {
    const { program, diagnostics } = lib.parse(doc.text, { dialect: DIALECT });
    for (const d of diagnostics) {
      if (d.severity === "error") problems.push({ index, doc, d });
      else if (d.severity === "warning") warnings++;
      else infos++;
    }
    if (program.statements.length !== doc.statements) {
      problems.push({ index, doc, d: { message: `expected ${doc.statements} statements, parsed ${program.statements.length}` } });
    }
    for (const s of program.statements) {
      const key = describeStatement(s);
      mix.set(key, (mix.get(key) ?? 0) + 1);
    }
  });
  if (problems.length > 0) {
    const lines = problems.slice(0, 5).map(({ index, doc, d }) => {
      const line = d.span?.start.line;
      const excerpt = line === undefined ? "" : `\n      > ${doc.text.split("\n")[line - 1]}`;
      return `  document ${index}${line === undefined ? "" : `, line ${line}`}: ${d.message}${excerpt}`;
    });
    fail(
      `the generated corpus does not parse cleanly (${problems.length} problem(s); seed ${corpus.seed}):\n${lines.join("\n")}\n` +
        "Fix scripts/bench-corpus.mjs (or report the parser bug) before benchmarking.",
    );
  }
  const mixList = [...mix.entries()].sort((a, b) => b[1] - a[1]).map(([kind, count]) => ({ kind, count }));
  return { mix: mixList, warnings, infos };
}

// ---- 1. Warm throughput -----------------------------------------------------------------

function formatAll(lib, documents) {
  let chars = 0;
  for (const doc of documents) chars += lib.format(doc.text, formatOptions).text.length;
  return chars;
}

function measureWarm(lib, corpus) {
  progress("warm-up pass…");
  const outputChars = formatAll(lib, corpus.documents);
  const runsMs = [];
  for (let i = 0; i < settings.runs; i++) {
    progress(`warm run ${i + 1}/${settings.runs}…`);
    const start = process.hrtime.bigint();
    const chars = formatAll(lib, corpus.documents);
    runsMs.push(elapsedMs(start));
    if (chars !== outputChars) fail(`format output changed between runs (${chars} vs ${outputChars} characters)`);
  }
  const n = corpus.statements.length;
  const perSecond = runsMs.map((t) => (n / t) * 1000);
  const mbPerSecond = runsMs.map((t) => corpus.bytes / 1e6 / (t / 1000));

  // The same corpus as a single text, to expose any super-linear behaviour in document size.
  const singleMs = [];
  const singleRuns = Math.max(1, Math.min(3, settings.runs));
  for (let i = 0; i < singleRuns; i++) {
    progress(`whole-corpus run ${i + 1}/${singleRuns}…`);
    const start = process.hrtime.bigint();
    lib.format(corpus.text, formatOptions);
    singleMs.push(elapsedMs(start));
  }
  progressDone();
  const s = summary(perSecond);
  return {
    runs: settings.runs,
    runsMs: runsMs.map((t) => round(t)),
    statementsPerSecond: { median: Math.round(s.median), min: Math.round(s.min), max: Math.round(s.max) },
    mbPerSecond: round(median(mbPerSecond), 2),
    microsecondsPerStatement: round((median(runsMs) * 1000) / n, 1),
    outputChars,
    singleDocument: {
      runs: singleRuns,
      medianMs: round(median(singleMs)),
      statementsPerSecond: Math.round((n / median(singleMs)) * 1000),
    },
  };
}

// ---- 2. First statement in a fresh process ---------------------------------------------

function measureFirstStatement() {
  const url = pathToFileURL(DIST_ENTRY).href;
  const script = `
const t0 = performance.now();
const lib = await import(${JSON.stringify(url)});
const t1 = performance.now();
const result = lib.format(${JSON.stringify(SAMPLE_STATEMENT)}, { dialect: ${JSON.stringify(DIALECT)} });
const t2 = performance.now();
if (result.diagnostics.some((d) => d.severity === "error")) {
  process.stderr.write(JSON.stringify(result.diagnostics));
  process.exit(3);
}
process.stdout.write(JSON.stringify({ bootstrapMs: t0, importMs: t1 - t0, firstCallMs: t2 - t1, chars: result.text.length }));
`;
  const runOnce = () => {
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    if (child.status !== 0) fail(`first-statement child process failed (exit ${child.status}): ${child.stderr.trim().slice(0, 500)}`);
    return JSON.parse(child.stdout);
  };
  progress("first statement: priming file cache…");
  runOnce(); // not timed: loads the files into the OS cache, like any second invocation
  const samples = [];
  for (let i = 0; i < settings.processes; i++) {
    progress(`first statement: process ${i + 1}/${settings.processes}…`);
    samples.push(runOnce());
  }
  progressDone();
  const pick = (key) => samples.map((s) => s[key]);
  const totals = samples.map((s) => s.importMs + s.firstCallMs);
  const fix = (o) => ({ median: round(o.median, 2), min: round(o.min, 2), max: round(o.max, 2) });
  return {
    processes: settings.processes,
    importMs: fix(summary(pick("importMs"))),
    firstCallMs: fix(summary(pick("firstCallMs"))),
    totalMs: fix(summary(totals)),
    nodeBootstrapMs: round(median(pick("bootstrapMs")), 2),
  };
}

// ---- 3. CLI cold start ------------------------------------------------------------------

function timeProcess(argv) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: "utf8" });
  return { ms: elapsedMs(start), child };
}

function measureCli() {
  if (!existsSync(CLI_ENTRY)) return { status: "skipped", reason: "CLI not built (bin/connbridge.js does not exist)" };
  const dir = mkdtempSync(path.join(os.tmpdir(), "connbridge-bench-"));
  try {
    const file = path.join(dir, "one-statement.sql");
    writeFileSync(file, SAMPLE_STATEMENT);
    const argv = [CLI_ENTRY, "format", "--dialect", DIALECT, file];
    progress("CLI: first run…");
    const first = timeProcess(argv);
    if (first.child.error !== undefined || first.child.status !== 0 || first.child.stdout.trim() === "") {
      const why = first.child.error?.message ?? `exit ${first.child.status}, stderr: ${first.child.stderr.trim().split("\n")[0] ?? ""}`;
      return { status: "skipped", reason: `CLI run failed (${why})` };
    }
    const runs = [];
    const baseline = [];
    for (let i = 0; i < settings.cliRuns; i++) {
      progress(`CLI: run ${i + 1}/${settings.cliRuns}…`);
      runs.push(timeProcess(argv).ms);
      baseline.push(timeProcess(["-e", "0"]).ms);
    }
    progressDone();
    return {
      status: "ok",
      command: `node bin/connbridge.js format --dialect ${DIALECT} FILE`,
      runs: settings.cliRuns,
      medianMs: round(median(runs)),
      minMs: round(Math.min(...runs)),
      maxMs: round(Math.max(...runs)),
      nodeBaselineMedianMs: round(median(baseline)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- Main --------------------------------------------------------------------------------

if (!existsSync(DIST_ENTRY)) fail("dist/index.js not found: build the library first (npx tsc -p tsconfig.build.json)");
const lib = await import(pathToFileURL(DIST_ENTRY).href);
const notes = [];
const load = os.loadavg()[0];
if (load > os.cpus().length * 0.75) {
  notes.push(`load average ${load.toFixed(2)} on ${os.cpus().length} CPUs: other work is running, figures will be noisy`);
}
const stale = staleDistFiles();
if (stale.length > 0) {
  notes.push(`dist/ is older than src/ for ${stale.length} file(s) (e.g. ${stale[0]}); figures are for the old build`);
}

progress("generating corpus…");
const genStart = process.hrtime.bigint();
const corpus = generateCorpus({ statements: settings.statements, seed: settings.seed });
const generationMs = elapsedMs(genStart);
progress("checking the corpus parses cleanly…");
const validation = validateCorpus(lib, corpus);
progressDone();

const warm = measureWarm(lib, corpus);
const first = measureFirstStatement();
const cli = measureCli();

const targets = {
  warmThroughput: {
    measured: warm.statementsPerSecond.median,
    target: TARGETS.warmStatementsPerSecond,
    unit: "statements/s",
    better: "higher",
    ratio: round(warm.statementsPerSecond.median / TARGETS.warmStatementsPerSecond, 2),
  },
  firstStatement: {
    // The first statement once the library is loaded; loading itself is part
    // of the CLI cold start below, which has its own budget.
    measured: first.firstCallMs.median,
    target: TARGETS.firstStatementMs,
    unit: "ms",
    better: "lower",
    ratio: round(first.firstCallMs.median / TARGETS.firstStatementMs, 2),
  },
  cliColdStart:
    cli.status === "ok"
      ? { measured: cli.medianMs, target: TARGETS.cliColdStartMs, unit: "ms", better: "lower", ratio: round(cli.medianMs / TARGETS.cliColdStartMs, 2) }
      : { measured: null, target: TARGETS.cliColdStartMs, unit: "ms", better: "lower", ratio: null, skipped: cli.reason },
};

const report = {
  machine: machine(),
  settings: { ...settings, width: settings.width ?? null },
  corpus: {
    seed: corpus.seed,
    statements: corpus.statements.length,
    documents: corpus.documents.length,
    bytes: corpus.bytes,
    generationMs: round(generationMs),
    nonErrorDiagnostics: { warnings: validation.warnings, infos: validation.infos },
    mix: validation.mix,
  },
  warm,
  firstStatement: first,
  cli,
  targets,
  notes,
};

if (args.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const m = report.machine;
  const n = corpus.statements.length;
  const pct = (count) => `${((count / n) * 100).toFixed(1)}%`;
  const out = [];
  out.push(`connbridge benchmark: node ${m.node}, ${m.platform}, ${m.cpus} CPUs (${m.cpuModel}), ${m.totalMemoryGiB} GiB RAM, load ${m.loadAverage.join(" ")}`);
  for (const note of notes) out.push(`note: ${note}`);
  out.push(
    `corpus: ${int(n)} statements in ${int(corpus.documents.length)} documents, ${(corpus.bytes / 1e6).toFixed(2)} MB, seed ${corpus.seed}, ` +
      `generated in ${ms(generationMs)}; parse: 0 errors, ${validation.warnings} warnings, ${validation.infos} infos`,
  );
  out.push(`  mix: ${validation.mix.map(({ kind, count }) => `${kind} ${pct(count)}`).join(", ")}`);
  out.push("");
  out.push(`1. warm format (parse + check + emit), one call per document${settings.width ? `, width ${settings.width}` : ""}; median of ${warm.runs} runs after a warm-up pass:`);
  out.push(
    `   ${int(warm.statementsPerSecond.median)} statements/s (runs: ${int(warm.statementsPerSecond.min)} … ${int(warm.statementsPerSecond.max)}), ` +
      `${warm.mbPerSecond.toFixed(2)} MB/s, ${warm.microsecondsPerStatement} µs/statement`,
  );
  out.push(`   whole corpus as one text: ${int(warm.singleDocument.statementsPerSecond)} statements/s (median of ${warm.singleDocument.runs}, ${ms(warm.singleDocument.medianMs)})`);
  out.push(`2. first statement in a fresh process (median of ${first.processes}; one Kafka CREATE CONNECTION):`);
  out.push(
    `   import ${ms(first.importMs.median)} + first format ${ms(first.firstCallMs.median)} = ${ms(first.totalMs.median)} ` +
      `(min ${ms(first.totalMs.min)}; node bootstrap before the import: ${ms(first.nodeBootstrapMs)})`,
  );
  if (cli.status === "ok") {
    out.push(`3. CLI cold start, \`${cli.command}\` with one statement (${cli.runs} runs):`);
    out.push(`   median ${ms(cli.medianMs)}, min ${ms(cli.minMs)}, max ${ms(cli.maxMs)} (\`node -e 0\` alone: median ${ms(cli.nodeBaselineMedianMs)})`);
  } else {
    out.push(`3. CLI cold start: ${cli.reason.startsWith("CLI not built") ? "CLI not built" : cli.reason}; skipped`);
  }
  out.push(`4. machine: ${m.cpus} CPUs (os.cpus().length), node ${m.node}`);
  out.push("");
  out.push("against targets (informational):");
  const t = targets;
  out.push(`   warm throughput  ${int(t.warmThroughput.measured)} statements/s vs >= ${int(t.warmThroughput.target)}: ${ratio(t.warmThroughput.ratio)} target (higher is better)`);
  out.push(`   first statement  ${ms(t.firstStatement.measured)} after import vs <= ${t.firstStatement.target} ms: ${ratio(t.firstStatement.ratio)} target (lower is better; import + first: ${ms(first.totalMs.median)})`);
  out.push(
    t.cliColdStart.ratio === null
      ? `   CLI cold start   skipped (CLI not available) vs <= ${t.cliColdStart.target} ms`
      : `   CLI cold start   ${ms(t.cliColdStart.measured)} vs <= ${t.cliColdStart.target} ms: ${ratio(t.cliColdStart.ratio)} target (lower is better)`,
  );
  process.stdout.write(`${out.join("\n")}\n`);
}
