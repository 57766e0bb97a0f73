// Programs and comments built from a dialect's statement arbitrary, the same
// way for every dialect. Block comment text is the dialect's own: whether
// block comments nest, and which openings mean something else, differ.
import fc from "fast-check";
import type { Comment, Program, Statement } from "../../src/ir/schema.js";

/** A program of a few statements, no comments. */
export function programOf(statement: fc.Arbitrary<Statement>): fc.Arbitrary<Program> {
  return fc.array(statement, { minLength: 1, maxLength: 4 }).map((statements) => ({ statements }));
}

/**
 * Line comment text as the parsers keep it: anything but the line
 * terminators that end it, without trailing blanks (they are invisible and
 * printing trims them).
 */
export function lineCommentText(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return text.map((t) => t.replace(/[\r\n]/g, "").replace(/[ \t\f\v]+$/, ""));
}

export function commentOf(lineText: fc.Arbitrary<string>, blockText: fc.Arbitrary<string>): fc.Arbitrary<Comment> {
  return fc.oneof(
    lineText.map((t) => ({ style: "line" as const, text: t })),
    blockText.map((t) => ({ style: "block" as const, text: t })),
  );
}

export interface CommentedProgramShape {
  statements: { minLength: number; maxLength: number };
  /** Most leading comments on one statement. */
  commentsPerStatement: number;
  /** Leave out programs without any comment (possible when there may be no statement). */
  someComment: boolean;
}

/** A program whose statements carry leading comments, possibly with trailing comments too. */
export function commentedProgramOf(
  statement: fc.Arbitrary<Statement>,
  comment: fc.Arbitrary<Comment>,
  shape: CommentedProgramShape,
): fc.Arbitrary<Program> {
  const parts = fc.record({
    statements: fc.array(
      fc.tuple(statement, fc.array(comment, { maxLength: shape.commentsPerStatement })).map(([s, comments]) =>
        comments.length > 0 ? { ...s, comments } : s,
      ),
      shape.statements,
    ),
    trailing: fc.array(comment, { maxLength: 2 }),
  });
  const kept = shape.someComment
    ? parts.filter(({ statements, trailing }) => statements.some((s) => s.comments !== undefined) || trailing.length > 0)
    : parts;
  return kept.map(({ statements, trailing }) => ({ statements, ...(trailing.length > 0 ? { trailingComments: trailing } : {}) }));
}
