import { afterEach } from "vitest";
// Runs the built connbridge command (bin/connbridge.js over dist) as a child process.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = join(ROOT, "bin", "connbridge.js");

// These tests exercise dist; stale or missing output would test old code.
for (const file of readdirSync(join(ROOT, "src", "cli"))) {
  const built = join(ROOT, "dist", "cli", file.replace(/\.ts$/, ".js"));
  if (!existsSync(built) || statSync(join(ROOT, "src", "cli", file)).mtimeMs > statSync(built).mtimeMs) {
    throw new Error(`dist/cli is missing or older than src/cli/${file}: run \`npx tsc -p tsconfig.build.json\` first`);
  }
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Longest a run may take before it is killed: a run that blocks (on a FIFO, say) fails its test instead of hanging it. */
export const RUN_TIMEOUT_MS = 30_000;

export function connbridge(args: string[], options: { input?: string | Buffer; cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: RUN_TIMEOUT_MS,
    ...(options.env !== undefined ? { env: { ...process.env, ...options.env } } : {}),
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh directory holding the given files (paths relative to it), removed by the returned cleanup. */
export function fixtureDirectory(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "connbridge-cli-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Lines of a stack trace as Node prints them. */
export const STACK_FRAME = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .*:\d+:\d+$/m;

export const KAFKA = "CREATE CONNECTION kafka_conn FOR KAFKA BROKER 'broker:9092';\n";
export const KAFKA_FORMATTED = "CREATE CONNECTION kafka_conn TO KAFKA (BROKER = 'broker:9092');\n";
export const POSTGRES = "CREATE CONNECTION pg TO POSTGRES (HOST 'db.example.com', PORT 5432, USER 'app', DATABASE shop);\n";
export const POSTGRES_FORMATTED = "CREATE CONNECTION pg TO POSTGRES (HOST = 'db.example.com', PORT = 5432, USER = 'app', DATABASE = shop);\n";
export const TRAILING_COMMA = "CREATE CONNECTION c TO KAFKA (BROKER 'a',)\n";

/**
 * Fixture directories removed after each test of the calling file:
 * `const fixtures = fixturesCleanedAfterEach();` then `fixtures({ "a.sql": "..." })`.
 */
export function fixturesCleanedAfterEach(): (files: Record<string, string | Buffer>) => string {
  let cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups) cleanup();
    cleanups = [];
  });
  return (files) => {
    const { dir, cleanup } = fixtureDirectory(files);
    cleanups.push(cleanup);
    return dir;
  };
}
