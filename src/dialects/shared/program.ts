// Text → IR program and IR program → Doc, the steps every dialect takes the
// same way. Reading: each split statement is refused whole, passed through
// (outside the scope, or with a lexical error), or parsed and lowered; one
// that does not parse or lower is kept as written, so formatting never loses
// it. Only the decisions and the grammar are the dialect's.
import type { Token } from "antlr4ng";
import { error, info, type Diagnostic } from "../../diagnostics.js";
import type { DialectId, Program, Statement } from "../../ir/schema.js";
import { describeToken, type TokenNames } from "./antlr-parse.js";
import { anyLiteralContents } from "./literals.js";
import type { Doc } from "./doc.js";
import type { StatementLowering } from "./lowering.js";
import { tokenSpan, type SourceText } from "./source.js";
import type { SplitResult, SplitStatement } from "./split.js";
import { appendAll } from "./arrays.js";

/** Whether the tokens start with one of the token type sequences. */
export function startsWithAny(tokens: readonly Token[], prefixes: readonly (readonly number[])[]): boolean {
  return prefixes.some((prefix) => prefix.every((type, i) => tokens[i]?.type === type));
}

export interface StatementReader<Tree> {
  dialect: DialectId;
  names: TokenNames;
  /** Token type of a character that starts no token. */
  unexpectedCharacter: number;
  /** A diagnostic for a statement the platform refuses before reading it. */
  refuse?(statement: SplitStatement): Diagnostic | undefined;
  /** Whether the statement is one the dialect reads (else it is passed through). */
  inScope(tokens: Token[]): boolean;
  /** Whether a statement outside the scope still looks like SQL (else it is a syntax error). */
  startsLikeStatement(tokens: Token[]): boolean;
  /** The message for a statement outside the scope. */
  outOfScope(tokens: Token[]): string;
  parse(statement: SplitStatement, source: SourceText): { tree: Tree | undefined; diagnostics: Diagnostic[] };
  lowering(source: SourceText): StatementLowering<Tree>;
}

/**
 * A statement kept as written: its inner comments are part of its text. What
 * it says is not understood, so every string in it counts as sensitive, in
 * any dialect's string forms (the text may be another dialect's).
 */
function keptAsWritten(split: SplitStatement, dialect: DialectId, source: SourceText): Statement {
  const statement: Statement = { kind: "verbatim", dialect, text: split.text, span: split.span };
  const base = split.span.start.offset;
  const strings = anyLiteralContents(split.text);
  if (strings.length > 0) statement.sensitiveSpans = strings.map(([start, end]) => source.span(base + start, base + end));
  if (split.leadingComments.length > 0) statement.comments = split.leadingComments;
  return statement;
}

function outOfScope<Tree>(split: SplitStatement, source: SourceText, reader: StatementReader<Tree>): Diagnostic {
  const bad = split.tokens.find((t) => t.type === reader.unexpectedCharacter);
  if (!reader.startsLikeStatement(split.tokens) || bad !== undefined) {
    const token = bad ?? split.tokens[0]!;
    return error(`${reader.dialect}.syntax`, `Expected a SQL statement, found ${describeToken(reader.names, token)}`, tokenSpan(token, source));
  }
  return info(`${reader.dialect}.out-of-scope`, reader.outOfScope(split.tokens), split.span);
}

export function readProgram<Tree>(split: SplitResult, reader: StatementReader<Tree>): { program: Program; diagnostics: Diagnostic[] } {
  const diagnostics = [...split.diagnostics];
  const lowering = reader.lowering(split.source);
  const statements: Statement[] = [];
  for (const statement of split.statements) {
    const refusal = reader.refuse?.(statement);
    if (refusal !== undefined) {
      diagnostics.push(refusal);
      statements.push(keptAsWritten(statement, reader.dialect, split.source));
      continue;
    }
    if (statement.lexicalError) {
      statements.push(keptAsWritten(statement, reader.dialect, split.source));
      continue;
    }
    if (!reader.inScope(statement.tokens)) {
      diagnostics.push(outOfScope(statement, split.source, reader));
      statements.push(keptAsWritten(statement, reader.dialect, split.source));
      continue;
    }
    const parsed = reader.parse(statement, split.source);
    appendAll(diagnostics, parsed.diagnostics);
    const lowered = parsed.tree === undefined ? undefined : lowering.lowerStatement(parsed.tree, statement);
    statements.push(lowered ?? keptAsWritten(statement, reader.dialect, split.source));
  }
  appendAll(diagnostics, lowering.diagnostics);
  const program: Program = { statements };
  if (split.trailingComments.length > 0) program.trailingComments = split.trailingComments;
  return { program, diagnostics };
}

/** A dialect's `emit` from its program emitter, which reports into a diagnostics list. */
export function collectingEmit(
  emitProgram: (program: Program, ctx: { diagnostics: Diagnostic[] }) => Doc,
): (program: Program) => { doc: Doc; diagnostics: Diagnostic[] } {
  return (program) => {
    const diagnostics: Diagnostic[] = [];
    const doc = emitProgram(program, { diagnostics });
    return { doc, diagnostics };
  };
}
