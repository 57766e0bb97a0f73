// Kept text stays inert, over every ordered pair of implemented dialects.
// Inputs hold carriage returns, nested and unterminated block comments, `*/`
// inside comments and strings, and statements the translation keeps as
// comments (not parsed, outside connection DDL, a connection kind the target
// lacks), each around canary statements of both dialects. Re-parsing the
// translation in the target must give exactly the statements it wrote; and a
// translation reported without errors must pass the target's own checks.
// A second property does the same for IR JSON from elsewhere: comments of
// any text on emitted programs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emit, parse, translate, type Comment, type DialectId, type Program, type Statement } from "../../src/index.js";
import { hostileComment, IMPLEMENTED, keptTextInput, namesCanary, PAIRS } from "./kept-text.arbitrary.js";
import { propertySettings } from "./roundtrip.js";

const { params } = propertySettings(10_2026);

const errorsOf = (diagnostics: { severity: string }[]) => diagnostics.filter((d) => d.severity === "error");

describe("translation keeps kept text inert (every ordered pair)", () => {
  for (const [from, to] of PAIRS) {
    it(`${from} → ${to}: re-parsing the output gives exactly the statements written, and no canary`, () => {
      fc.assert(
        fc.property(keptTextInput(from), fc.constantFrom(undefined, 1, 40), (input, width) => {
          const result = translate(input.text, { from, to, ...(width !== undefined ? { width } : {}) });
          const reread = parse(result.text, { dialect: to });
          const context = `input ${JSON.stringify(input.text)}\noutput ${JSON.stringify(result.text)}`;
          expect(reread.program.statements.map((s) => s.kind), context).toEqual(input.writes(to));
          expect(reread.program.statements.filter(namesCanary), context).toEqual([]);
          // No error in the translation: the target's own checks find none either.
          if (errorsOf(result.diagnostics).length === 0) expect(errorsOf(reread.diagnostics), context).toEqual([]);
        }),
        params,
      );
    });
  }
});

/** Statements every dialect writes as one statement, carrying hostile comments. */
const statement: fc.Arbitrary<Statement> = fc.constantFrom<Statement>(
  { kind: "drop", objectType: "connection", names: [{ parts: [{ value: "n_a", quoted: false }] }] },
  { kind: "show", objectType: "connections" },
  { kind: "show_create_connection", name: { parts: [{ value: "n_b", quoted: false }] } },
);

const commentedProgram: fc.Arbitrary<Program> = fc
  .record({
    statements: fc.array(
      fc.tuple(statement, fc.array(hostileComment, { maxLength: 3 })).map(([s, comments]): Statement => ({ ...s, comments })),
      { maxLength: 3 },
    ),
    trailingComments: fc.array(hostileComment, { maxLength: 3 }),
  })
  .map((p): Program => p);

/** All comment text with blanks and line breaks taken out: what re-encoding must keep. */
const visible = (comments: readonly Comment[]) => comments.map((c) => c.text).join("").replace(/\s+/g, "");
const allComments = (program: Program) => [...program.statements.flatMap((s) => s.comments ?? []), ...(program.trailingComments ?? [])];

describe("emitting IR keeps comments of any text inert (every dialect)", () => {
  for (const dialect of IMPLEMENTED as DialectId[]) {
    it(`${dialect}: re-parsing gives the program's statements, without errors, and every comment's text`, () => {
      fc.assert(
        fc.property(commentedProgram, (program) => {
          const printed = emit(program, { dialect });
          const reread = parse(printed.text, { dialect });
          const context = `output ${JSON.stringify(printed.text)}`;
          expect(errorsOf(printed.diagnostics), context).toEqual([]);
          expect(errorsOf(reread.diagnostics), context).toEqual([]);
          expect(reread.program.statements.map((s) => s.kind), context).toEqual(program.statements.map((s) => s.kind));
          expect(reread.program.statements.filter(namesCanary), context).toEqual([]);
          expect(visible(allComments(reread.program)), context).toBe(visible(allComments(program)));
        }),
        params,
      );
    });
  }
});
