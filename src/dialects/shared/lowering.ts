// What lowering parse trees to the IR needs in every dialect: spans of tree
// nodes, and turning an error met deep in a statement into one diagnostic for
// that statement, which is then kept as written.
import type { ParserRuleContext, Token } from "antlr4ng";
import type { Diagnostic } from "../../diagnostics.js";
import type { Span, Statement } from "../../ir/schema.js";
import { mergeRanges } from "./literals.js";
import { treeSpan, type SourceText } from "./source.js";
import type { SplitStatement } from "./split.js";

/** Thrown while lowering a statement; caught by `lowerStatement`. */
export class LoweringError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

export abstract class StatementLowering<Tree> {
  readonly diagnostics: Diagnostic[] = [];
  /** Spans of the fields of the statement being lowered, by IR path from the statement. */
  protected fieldSpans: Record<string, Span> = {};
  /** Source offsets [start, end) of the sensitive values of the statement being lowered. */
  protected sensitive: Array<[number, number]> = [];

  constructor(protected readonly source: SourceText) {}

  protected span(node: ParserRuleContext | Token): Span {
    return treeSpan(node, this.source);
  }

  /** Records the span of a field, by IR path from the statement (`connection.sasl.password`). */
  protected recordField(path: string, span: Span | undefined): void {
    if (span !== undefined && !Object.hasOwn(this.fieldSpans, path)) {
      Object.defineProperty(this.fieldSpans, path, { value: span, enumerable: true, writable: true, configurable: true });
    }
  }

  /** Marks source offsets [start, end) as a value that must never be shown. */
  protected recordSensitive(start: number, end: number): void {
    if (end > start) this.sensitive.push([start, end]);
  }

  /** The IR statement of a tree; throws LoweringError for what the platform would refuse. */
  protected abstract statement(tree: Tree): Statement;

  /** Lowers one parsed statement; an error yields undefined and a diagnostic. */
  lowerStatement(tree: Tree, split: SplitStatement): Statement | undefined {
    this.fieldSpans = {};
    this.sensitive = [];
    try {
      const statement = this.statement(tree);
      statement.span = split.span;
      if (Object.keys(this.fieldSpans).length > 0) statement.fieldSpans = this.fieldSpans;
      if (this.sensitive.length > 0) {
        statement.sensitiveSpans = mergeRanges(this.sensitive).map(([start, end]) => this.source.span(start, end));
      }
      // Comments inside a statement the emitter rewrites are kept before it.
      const comments = [...split.leadingComments, ...split.innerComments];
      if (comments.length > 0) statement.comments = comments;
      return statement;
    } catch (e) {
      if (e instanceof LoweringError) {
        this.diagnostics.push(e.diagnostic);
        return undefined;
      }
      throw e;
    }
  }
}
