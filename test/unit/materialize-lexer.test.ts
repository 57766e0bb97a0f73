// The hand-written tokenizer must agree with the lexer grammar, which is the
// specification of Materialize's lexical rules.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Token } from "antlr4ng";
import { MaterializeLexer } from "../../src/generated/materialize/MaterializeLexer.js";
import { scanTokens } from "../../src/dialects/materialize/lexer.js";
import { SourceCharStream, SourceText } from "../../src/dialects/shared/source.js";

function describeTokens(tokens: Token[]): string[] {
  return tokens.map((t) => `${t.type}:${t.channel}:${t.start}-${t.stop}:${JSON.stringify(t.text)}`);
}

function grammarTokens(text: string): string[] {
  const lexer = new MaterializeLexer(new SourceCharStream(new SourceText(text)));
  lexer.removeErrorListeners();
  return describeTokens(lexer.getAllTokens());
}

function scannerTokens(text: string): string[] {
  return describeTokens(scanTokens(new SourceText(text)));
}

const corpus = new URL("../../../shared/conformance/materialize/cases.jsonl", import.meta.url);
const goldenDir = new URL("../../golden/materialize/", import.meta.url);

describe("hand-written Materialize tokenizer", () => {
  it.skipIf(!existsSync(corpus))("agrees with the lexer grammar on every conformance statement", () => {
    const lines = readFileSync(corpus, "utf8").split("\n").filter((l) => l.trim() !== "");
    for (const line of lines) {
      const { sql } = JSON.parse(line) as { sql: string };
      expect(scannerTokens(sql), sql).toEqual(grammarTokens(sql));
    }
  });

  it("agrees with the lexer grammar on every golden file", () => {
    for (const file of readdirSync(goldenDir)) {
      const text = readFileSync(new URL(file, goldenDir), "utf8");
      expect(scannerTokens(text), file).toEqual(grammarTokens(text));
    }
  });

  it("agrees with the lexer grammar on arbitrary text built from SQL fragments", () => {
    const pieces = [
      "'", "''", '"', '""', "E'", "e'", "X'", "x'", "\\", "$", "$$", "$a$", "$1", "--", "/*", "*/", "\n", "\r", " ", "\t",
      "0", "12", ".5", "1e5", "1.e", "e", "E+", "-", "+", "=", "=>", "<>", "!=", "<=", ">=", "::", ":", "||", "|", "!",
      "%", "^", "~", "@", "#", "&", "`", "?", "(", ")", "[", "]", ",", ";", ".", "{", "}", "CREATE", "connection",
      "ſet", "é", "😀", "\ud800", "\udc00", "_x", "a$b", "\u0000", "\u007f",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        expect(scannerTokens(text)).toEqual(grammarTokens(text));
      }),
      { numRuns: 2000, seed: 4242 },
    );
  });
});
