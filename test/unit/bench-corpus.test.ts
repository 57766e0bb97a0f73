// The benchmark corpus generator (scripts/bench-corpus.mjs): deterministic, and
// every statement it produces is clean for the parser and the planner rules.
// Performance itself is measured by `npm run bench`, never asserted here.
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
// @ts-ignore -- plain ESM script without type declarations
import { generateCorpus, SAMPLE_STATEMENT } from "../../scripts/bench-corpus.mjs";

interface Corpus {
  seed: number;
  statements: string[];
  documents: { text: string; statements: number }[];
  text: string;
  bytes: number;
}

const generate = generateCorpus as (options?: { statements?: number; seed?: number }) => Corpus;

function errorsOf(text: string): string[] {
  return parse(text, { dialect: "materialize" })
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.code}: ${d.message}`);
}

describe("bench corpus generator", () => {
  it("is deterministic for a seed", () => {
    const a = generate({ statements: 300, seed: 7 });
    const b = generate({ statements: 300, seed: 7 });
    expect(b.text).toBe(a.text);
    expect(b.statements).toEqual(a.statements);
    expect(b.bytes).toBe(a.bytes);
  });

  it("varies with the seed and honours the requested size", () => {
    const a = generate({ statements: 300, seed: 7 });
    const c = generate({ statements: 300, seed: 8 });
    expect(c.text).not.toBe(a.text);
    expect(a.statements).toHaveLength(300);
    expect(a.documents.reduce((n, d) => n + d.statements, 0)).toBe(300);
  });

  it("generates only statements that parse and check without errors", () => {
    for (const seed of [1, 2, 3]) {
      const corpus = generate({ statements: 400, seed });
      const bad = corpus.statements
        .map((sql) => ({ sql, errors: errorsOf(sql) }))
        .filter((s) => s.errors.length > 0);
      expect(bad.slice(0, 3)).toEqual([]);
      for (const doc of corpus.documents) {
        const result = parse(doc.text, { dialect: "materialize" });
        expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(result.program.statements).toHaveLength(doc.statements);
      }
    }
  });

  it("covers the connection types and statement kinds the benchmark claims", () => {
    const corpus = generate({ statements: 2000, seed: 11 });
    const kinds = new Set<string>();
    for (const doc of corpus.documents) {
      for (const s of parse(doc.text, { dialect: "materialize" }).program.statements) {
        kinds.add(s.kind === "create_connection" ? `create_connection:${s.connection.kind}` : s.kind);
      }
    }
    for (const kind of [
      "create_connection:kafka",
      "create_connection:schema_registry",
      "create_connection:postgres",
      "create_connection:mysql",
      "create_connection:sql_server",
      "create_connection:aws",
      "create_connection:aws_privatelink",
      "create_connection:ssh_tunnel",
      "create_connection:iceberg_catalog",
      "create_secret",
      "alter_connection",
      "alter_secret",
      "drop",
      "show",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(corpus.text).toMatch(/decode\('[A-Za-z0-9+/=]+', 'base64'\)/i);
    expect(corpus.text).toMatch(/ROTATE KEYS/i);
    expect(corpus.text).toMatch(/USING SSH TUNNEL/i);
    expect(corpus.text).toMatch(/USING AWS PRIVATELINK/i);
    expect(corpus.text).toMatch(/^\s*-- /m);
  });

  it("has a clean single-statement sample", () => {
    expect(errorsOf(SAMPLE_STATEMENT as string)).toEqual([]);
    expect(parse(SAMPLE_STATEMENT as string, { dialect: "materialize" }).program.statements).toHaveLength(1);
  });
});
