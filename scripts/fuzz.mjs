// The fuzz harness: mutated and hostile inputs through every API function
// and every ordered pair of dialects, with a watchdog.
//
//   npm run fuzz -- [--dialect D]... [--seconds N | --runs N] [--seed N]
//                   [--timeout MS] [--jobs N] [--max-size N]
//                   [--minimize-seconds N] [--out DIR] [--corpus DIR]
//                   [--only K]... [--all-variants] [--json]
//
// Inputs (scripts/fuzz-mutate.mjs): the conformance statements beside the
// repository (../shared/conformance/<dialect>/cases.jsonl, when there), the
// golden inputs and the examples, mutated by byte flips, token edits,
// splices, truncation and odd Unicode, blown up into hostile shapes (deep
// nesting, huge lists, long chains, names and strings), and sometimes led by
// a statement with a planted secret value. Input k of a dialect is the same
// for a given seed on every machine: `--dialect D --seed S --only K` replays it.
//
// Each input runs in a worker thread through every probe
// (scripts/fuzz-probes.mjs, which lists the oracles). A call that runs longer
// than --timeout is a hang: the worker is terminated and a fresh one takes
// over. The worker's stack is the size of the main thread's, so a recursion
// that would overflow the CLI overflows here.
//
// The dialects are those the library implements (DIALECT_IDS, probed through
// the API): a dialect added to the registry is fuzzed, with every pair, without
// editing this file. Its corpus comes from its conformance folder, golden
// folder and examples; its planted statements from the planted-secrets
// templates (scripts/planted-secrets.mjs) and its hostile statements from
// HOSTILE_STATEMENTS in scripts/fuzz-mutate.mjs, where it should get a row.
//
// Prints counts per dialect and per pair and one line per distinct failure;
// each failure's first input is minimised (lines, then characters, within
// --minimize-seconds) and written to fuzz-findings/. Exit 1 when anything
// failed, 2 on a usage error.
import { availableParallelism } from "node:os";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { generateInput, loadCorpus, loadVocabulary } from "./fuzz-mutate.mjs";
import { functionOf, pairOf, probeNames, signatureOf } from "./fuzz-probes.mjs";
import { minimize } from "./fuzz-minimize.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const library = pathToFileURL(join(root, "dist", "index.js")).href;

/** V8's stack limit on the main thread is 984 KB; a worker's limit is its stack size less 192 KB. */
const MAIN_THREAD_STACK_MB = (984 + 192) / 1024;

const USAGE =
  "usage: fuzz [--dialect D]... [--seconds N | --runs N] [--seed N] [--timeout MS] [--jobs N] [--max-size N] [--minimize-seconds N] [--out DIR] [--corpus DIR] [--only K]... [--all-variants] [--json]";

class UsageError extends Error {}

export function parseArguments(argv) {
  const args = {
    dialects: [],
    seconds: undefined,
    runs: undefined,
    seed: undefined,
    timeout: 5000,
    jobs: 1,
    maxSize: 20_000,
    minimizeSeconds: 30,
    out: join(root, "fuzz-findings"),
    corpus: undefined,
    only: [],
    json: false,
    allVariants: false,
  };
  const number = (name, value, min = 0) => {
    if (value === undefined || !/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${name} needs an integer of at least ${min}`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    if (a === "--dialect" || a === "-d") args.dialects.push(...String(value() ?? "").split(",").filter((d) => d !== ""));
    else if (a === "--seconds") args.seconds = number(a, value(), 1);
    else if (a === "--runs") args.runs = number(a, value(), 1);
    else if (a === "--seed") args.seed = number(a, value());
    else if (a === "--timeout") args.timeout = number(a, value(), 10);
    else if (a === "--jobs") args.jobs = number(a, value(), 1);
    else if (a === "--max-size") args.maxSize = number(a, value(), 8);
    else if (a === "--minimize-seconds") args.minimizeSeconds = number(a, value());
    else if (a === "--out") args.out = String(value());
    else if (a === "--corpus") args.corpus = String(value());
    else if (a === "--only") args.only.push(number(a, value()));
    else if (a === "--json") args.json = true;
    else if (a === "--all-variants") args.allVariants = true;
    else throw new UsageError(`unknown argument ${JSON.stringify(a)}`);
  }
  if (args.seconds === undefined && args.runs === undefined && args.only.length === 0) args.seconds = 60;
  args.seed ??= Date.now() % 2 ** 31;
  args.jobs = Math.min(args.jobs, Math.max(1, availableParallelism()));
  return args;
}

// ---- Workers with a watchdog ---------------------------------------------------------------

/**
 * One worker thread and the job it runs. `run` resolves with the probes'
 * result, or `{ hang: probe }` when a call outlives the timeout, or
 * `{ crash: message, probe }` when the thread dies (out of memory, say);
 * either way the next job gets a fresh thread.
 */
export class Lane {
  /** `library`: URL of the module the worker loads as the API (dist/index.js). */
  constructor(library, dialects, timeout) {
    this.library = library;
    this.dialects = dialects;
    this.timeout = timeout;
    this.control = new Int32Array(new SharedArrayBuffer(8));
    this.job = undefined;
    this.restarts = 0;
    this.watchdog = setInterval(() => this.watch(), Math.max(5, Math.min(100, timeout / 10)));
  }

  async start() {
    this.worker = new Worker(new URL("./fuzz-worker.mjs", import.meta.url), {
      workerData: { library: this.library, dialects: this.dialects, control: this.control.buffer },
      resourceLimits: { stackSizeMb: MAIN_THREAD_STACK_MB, maxOldGenerationSizeMb: 4096 },
    });
    const worker = this.worker;
    await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    worker.on("message", (message) => this.settle(message));
    worker.on("error", (error) => this.fail(`${error?.code ?? error?.name ?? "error"}: ${String(error?.message ?? error).slice(0, 200)}`));
    worker.on("exit", (code) => {
      if (this.job === undefined) this.dead = true;
      else this.fail(`the worker exited (${code})`);
    });
  }

  /** Which probe the worker is in, from the shared counter. */
  currentProbe() {
    return this.job?.names[Atomics.load(this.control, 1)] ?? this.job?.only?.[0] ?? "(before the first call)";
  }

  watch() {
    if (this.job === undefined) return;
    const seq = Atomics.load(this.control, 0);
    const now = Date.now();
    if (seq !== this.job.seq) {
      this.job.seq = seq;
      this.job.since = now;
    } else if (now - this.job.since > this.timeout) {
      const probe = this.currentProbe();
      this.replace({ hang: probe, ms: now - this.job.since });
    }
  }

  settle(message) {
    if (this.job === undefined || message.id !== this.job.id) return;
    const { resolve } = this.job;
    this.job = undefined;
    resolve(message);
  }

  fail(reason) {
    if (this.job === undefined || this.replacing) return;
    this.replace({ crash: reason, probe: this.currentProbe() });
  }

  /** Ends the current job with `outcome` and puts a fresh worker in place. */
  replace(outcome) {
    const { resolve } = this.job;
    this.job = undefined;
    this.replacing = true;
    this.restarts++;
    const old = this.worker;
    old.removeAllListeners();
    old.on("error", () => {});
    const restarted = old
      .terminate()
      .catch(() => {})
      .then(() => this.start())
      .finally(() => {
        this.replacing = false;
      });
    resolve({ ...outcome, restarted });
  }

  async run(input, only) {
    if (this.dead) {
      this.dead = false;
      await this.start();
    }
    const id = (this.nextId = (this.nextId ?? 0) + 1);
    const result = await new Promise((resolve) => {
      Atomics.store(this.control, 1, -1);
      this.job = { id, resolve, names: probeNames(input.dialect, this.dialects), only, seq: Atomics.load(this.control, 0), since: Date.now() };
      this.worker.postMessage({ id, input, only });
    });
    if (result.restarted !== undefined) await result.restarted;
    return result;
  }

  async close() {
    clearInterval(this.watchdog);
    this.worker.removeAllListeners();
    await this.worker.terminate();
  }
}

// ---- Counting --------------------------------------------------------------------------------

/** Kinds of failure; all but `slow` fail the run. */
const KINDS = ["throw", "hang", "internal", "oracle", "crash", "harness", "slow"];
const FAILING_KINDS = KINDS.filter((k) => k !== "slow");
const emptyRow = () => ({ inputs: 0, calls: 0, ...Object.fromEntries(KINDS.map((k) => [k, 0])) });

/** The failures of one job, hangs and crashes included, in the probes' own form. */
function failuresOf(outcome) {
  if (outcome.hang !== undefined) return [{ probe: outcome.hang, kind: "hang", oracle: "hang", detail: `no result after ${outcome.ms} ms` }];
  if (outcome.crash !== undefined) return [{ probe: outcome.probe, kind: "crash", oracle: "crash", detail: outcome.crash }];
  return outcome.failures;
}

/** After this many calls that never returned, an input's remaining probes are skipped. */
const MAX_HANGS_PER_INPUT = 3;

/**
 * Runs the probes of one input. A probe whose call never returns is run
 * once more alone on the fresh worker: a hang again is a hang; a result is
 * a `slow` call (over the limit among the others, under it alone: the
 * machine was busy, or the call is close to the limit), reported without
 * failing the run. The other probes of the input then run on.
 * @returns {Promise<{ ran: string[], failures: object[] }>}
 */
export async function runInput(lane, input, planned, hangs = 0) {
  const outcome = await lane.run(input, planned);
  if (outcome.hang === undefined && outcome.crash === undefined) return { ran: outcome.ran, failures: outcome.failures };
  const stuck = outcome.hang ?? outcome.probe;
  const failures = [];
  if (outcome.crash !== undefined) failures.push(...failuresOf(outcome));
  else {
    const started = Date.now();
    const alone = await lane.run(input, [stuck]);
    if (alone.hang !== undefined || alone.crash !== undefined) {
      failures.push(...failuresOf(alone));
      hangs++;
    } else {
      const detail = `no result after ${outcome.ms} ms among the other probes; ${Date.now() - started} ms alone`;
      failures.push({ probe: stuck, kind: "slow", oracle: "slow", detail }, ...alone.failures);
    }
  }
  const rest = planned.filter((p) => p !== stuck);
  if (rest.length === 0 || hangs >= MAX_HANGS_PER_INPUT) return { ran: [stuck], failures };
  const more = await runInput(lane, input, rest, hangs);
  return { ran: [stuck, ...more.ran], failures: [...failures, ...more.failures] };
}

export class Tally {
  constructor(dialects) {
    this.dialects = Object.fromEntries(dialects.map((d) => [d, emptyRow()]));
    this.pairs = Object.fromEntries(dialects.flatMap((from) => dialects.map((to) => [`${from}>${to}`, emptyRow()])));
    this.mutations = {};
    /** @type {Map<string, { signature: string, kind: string, oracle: string, calls: number, inputs: Set<string>, probes: Set<string>, first: any }>} */
    this.findings = new Map();
    this.inputs = 0;
  }

  record(input, { ran, failures }) {
    this.inputs++;
    const row = this.dialects[input.dialect];
    row.inputs++;
    for (const step of input.recipe) {
      const name = step.startsWith("from ") ? "corpus text" : step.replace(/ n=\d+$/, "").replace(/ statement \d+$/, " statement");
      this.mutations[name] = (this.mutations[name] ?? 0) + 1;
    }
    row.calls += ran.length;
    const pairsRun = new Set(ran.map(pairOf).filter((p) => p !== undefined));
    for (const pair of pairsRun) {
      this.pairs[pair].inputs++;
      this.pairs[pair].calls += ran.filter((p) => pairOf(p) === pair).length;
    }
    for (const failure of failures) {
      row[failure.kind]++;
      const pair = pairOf(failure.probe);
      if (pair !== undefined) this.pairs[pair][failure.kind]++;
      const signature = signatureOf(failure);
      let finding = this.findings.get(signature);
      if (finding === undefined) {
        finding = { signature, kind: failure.kind, oracle: failure.oracle, calls: 0, inputs: new Set(), probes: new Set(), first: { input, failure } };
        this.findings.set(signature, finding);
      }
      finding.calls++;
      finding.inputs.add(`${input.dialect}#${input.index}`);
      finding.probes.add(failure.probe);
    }
  }

  totals() {
    const total = emptyRow();
    for (const row of Object.values(this.dialects)) for (const key of Object.keys(total)) total[key] += row[key];
    return total;
  }
}

// ---- Minimising and writing findings -------------------------------------------------------

const SECRET_ORACLES = new Set(["secret-in-output", "secret-in-diagnostics", "sensitive-spans"]);

async function minimizeFinding(lane, finding, seconds) {
  const { input, failure } = finding.first;
  const fails = async (text) => {
    const outcome = await lane.run({ ...input, text }, [failure.probe]);
    return failuresOf(outcome).some((f) => signatureOf(f) === finding.signature);
  };
  const keep = SECRET_ORACLES.has(failure.oracle) ? input.prefixLength : 0;
  return minimize(input.text, fails, { seconds, keep });
}

function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}

const replayCommand = (input, args) => `npm run fuzz -- --dialect ${input.dialect} --seed ${args.seed} --only ${input.index}${args.allVariants ? " --all-variants" : ""}`;

function writeFinding(dir, n, finding, minimized, args) {
  mkdirSync(dir, { recursive: true });
  const { input, failure } = finding.first;
  const base = join(dir, `${String(n).padStart(2, "0")}-${slug(`${finding.kind} ${functionOf(failure.probe)} ${finding.oracle} ${input.dialect}`)}`);
  writeFileSync(`${base}.sql`, minimized?.text ?? input.text);
  writeFileSync(`${base}.original.sql`, input.text);
  const meta = {
    signature: finding.signature,
    kind: finding.kind,
    oracle: finding.oracle,
    probe: failure.probe,
    detail: failure.detail,
    dialect: input.dialect,
    seed: args.seed,
    input: input.index,
    replay: replayCommand(input, args),
    recipe: input.recipe,
    planted: input.planted,
    calls: finding.calls,
    inputs: finding.inputs.size,
    probes: [...finding.probes],
    originalLength: input.text.length,
    minimized: minimized === undefined ? null : { length: minimized.text.length, tests: minimized.tests, complete: minimized.complete },
  };
  writeFileSync(`${base}.json`, `${JSON.stringify(meta, null, 2)}\n`);
  return `${base}.sql`;
}

// ---- The run -------------------------------------------------------------------------------

async function implementedDialects(api) {
  return api.DIALECT_IDS.filter((d) => !api.parse("", { dialect: d }).diagnostics.some((x) => x.code === "dialect.unsupported"));
}

export async function fuzz(args, log = console.log) {
  const api = await import(library);
  const implemented = await implementedDialects(api);
  const unknown = args.dialects.filter((d) => !implemented.includes(d));
  if (unknown.length > 0) throw new UsageError(`not an implemented dialect: ${unknown.join(", ")} (implemented: ${implemented.join(", ")})`);
  const dialects = args.dialects.length > 0 ? [...new Set(args.dialects)] : implemented;
  const corpus = loadCorpus(root, implemented, args.corpus);
  const contexts = {};
  for (const dialect of dialects) {
    contexts[dialect] = {
      dialect,
      corpus: corpus[dialect],
      others: implemented.filter((d) => d !== dialect).flatMap((d) => corpus[d]),
      vocabulary: await loadVocabulary(root, dialect, corpus[dialect]),
      maxSize: args.maxSize,
      dialects: implemented,
      variants: args.allVariants ? 1 : 0.3,
    };
  }
  const tally = new Tally(implemented);
  const started = Date.now();
  const stopAt = args.seconds === undefined ? Infinity : started + args.seconds * 1000;
  // Inputs are taken in turn from each dialect: k-th input of dialect d is (seed, d, k).
  const schedule = args.only.length > 0 ? dialects.flatMap((d) => args.only.map((k) => [d, k])) : undefined;
  const limit = schedule?.length ?? (args.runs === undefined ? Infinity : args.runs);
  let next = 0;
  const lanes = Array.from({ length: args.jobs }, () => new Lane(library, implemented, args.timeout));
  await Promise.all(lanes.map((lane) => lane.start()));
  const progress = setInterval(() => {
    if (!args.json) process.stderr.write(`fuzz: ${tally.inputs} inputs, ${tally.findings.size} distinct failures, ${Math.round((Date.now() - started) / 1000)} s\n`);
  }, 30_000);
  try {
    await Promise.all(
      lanes.map(async (lane) => {
        while (next < limit && Date.now() < stopAt) {
          const i = next++;
          const [dialect, k] = schedule?.[i] ?? [dialects[i % dialects.length], Math.floor(i / dialects.length)];
          const input = generateInput(args.seed, k, contexts[dialect]);
          tally.record(input, await runInput(lane, input, input.probes ?? probeNames(dialect, implemented)));
        }
      }),
    );
    const fuzzSeconds = (Date.now() - started) / 1000;
    // Minimise the first input of each distinct failure, the lanes sharing the work.
    const findings = [...tally.findings.values()];
    const minimized = new Map();
    let m = 0;
    await Promise.all(
      lanes.map(async (lane) => {
        while (m < findings.length) {
          const finding = findings[m++];
          // A slow call is not a failure that a candidate could repeat.
          const worth = args.minimizeSeconds > 0 && finding.kind !== "slow";
          minimized.set(finding, worth ? await minimizeFinding(lane, finding, args.minimizeSeconds) : undefined);
        }
      }),
    );
    const files = findings.map((f, n) => writeFinding(args.out, n + 1, f, minimized.get(f), args));
    const report = {
      seed: args.seed,
      dialects,
      seconds: Math.round(fuzzSeconds * 10) / 10,
      timeoutMs: args.timeout,
      corpus: Object.fromEntries(dialects.map((d) => [d, corpus[d].length])),
      totals: tally.totals(),
      perDialect: Object.fromEntries(dialects.map((d) => [d, tally.dialects[d]])),
      perPair: Object.fromEntries(Object.entries(tally.pairs).filter(([, row]) => row.inputs > 0)),
      mutations: tally.mutations,
      workerRestarts: lanes.reduce((n, l) => n + l.restarts, 0),
      findings: findings.map((f, n) => ({
        signature: f.signature,
        kind: f.kind,
        oracle: f.oracle,
        calls: f.calls,
        inputs: f.inputs.size,
        probes: [...f.probes],
        example: {
          dialect: f.first.input.dialect,
          input: f.first.input.index,
          probe: f.first.failure.probe,
          detail: f.first.failure.detail,
          recipe: f.first.input.recipe,
          replay: replayCommand(f.first.input, args),
        },
        originalLength: f.first.input.text.length,
        minimizedLength: minimized.get(f)?.text.length ?? null,
        minimized: minimized.get(f)?.text.length <= 2000 ? minimized.get(f).text : null,
        file: relative(process.cwd(), files[n]),
      })),
    };
    if (args.json) log(JSON.stringify(report, null, 2));
    else printReport(report, args, log);
    return report;
  } finally {
    clearInterval(progress);
    await Promise.all(lanes.map((l) => l.close().catch(() => {})));
  }
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [line(header), ...rows.map(line)];
}

const COLUMNS = ["inputs", "calls", "throw", "hang", "internal", "oracle", "crash", "harness", "slow"];
const HEADER = ["inputs", "probes", "throws", "hangs", "internal", "oracle", "crashes", "harness", "slow"];

function printReport(report, args, log) {
  log(`connbridge fuzz: seed ${report.seed}, ${report.seconds} s, timeout ${report.timeoutMs} ms per call`);
  log(`corpus: ${Object.entries(report.corpus).map(([d, n]) => `${d} ${n} texts`).join(", ")}`);
  log("");
  for (const l of table(["dialect", ...HEADER], Object.entries(report.perDialect).map(([d, row]) => [d, ...COLUMNS.map((c) => row[c])]))) log(l);
  log("");
  for (const l of table(["pair (translate, emit)", ...HEADER], Object.entries(report.perPair).map(([p, row]) => [p.replace(">", " -> "), ...COLUMNS.map((c) => row[c])]))) log(l);
  log("");
  log(`mutations: ${Object.entries(report.mutations).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  if (report.findings.length > 0) {
    log("");
    log(`distinct failures: ${report.findings.length}`);
    report.findings.forEach((f, n) => {
      log(`[${n + 1}] ${f.signature}`);
      log(`    ${f.calls} calls in ${f.inputs} inputs; e.g. ${f.example.probe} on ${f.example.dialect} input ${f.example.input}: ${f.example.detail}`);
      log(`    input made by: ${f.example.recipe.join(", ")}; replay: ${f.example.replay}`);
      const size = f.minimizedLength === null ? `${f.originalLength} chars` : `${f.originalLength} -> ${f.minimizedLength} chars`;
      log(`    reproduction (${size}): ${f.file}`);
      if (f.minimized !== null && f.minimized.length <= 300) log(`    ${JSON.stringify(f.minimized)}`);
    });
  }
  const t = report.totals;
  log("");
  // Worded apart from the test summary line of CI ("N passed, N failed").
  log(
    `fuzz total: ${t.inputs} inputs, ${t.calls} probe runs, ${t.throw} throws, ${t.hang} hangs, ${t.internal} internal errors, ${t.oracle} oracle failures, ${t.crash} worker crashes, ${t.harness} harness errors (and ${t.slow} slow calls)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  let args;
  try {
    args = parseArguments(process.argv.slice(2));
    if (!existsSync(fileURLToPath(library))) throw new UsageError("dist/ is not built: run npm run build first");
    const report = await fuzz(args);
    const t = report.totals;
    process.exitCode = FAILING_KINDS.some((k) => t[k] > 0) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`fuzz: ${e.message}\n${USAGE}`);
      process.exitCode = 2;
    } else throw e;
  }
}
