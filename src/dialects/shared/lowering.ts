// What lowering parse trees to the IR needs in every dialect: spans of tree
// nodes, and turning an error met deep in a statement into one diagnostic for
// that statement, which is then kept as written.
import type { ParserRuleContext, Token } from "antlr4ng";
import type { Diagnostic } from "../../diagnostics.js";
import type { Span, Statement } from "../../ir/schema.js";
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

  constructor(protected readonly source: SourceText) {}

  protected span(node: ParserRuleContext | Token): Span {
    return treeSpan(node, this.source);
  }

  /** The IR statement of a tree; throws LoweringError for what the platform would refuse. */
  protected abstract statement(tree: Tree): Statement;

  /** Lowers one parsed statement; an error yields undefined and a diagnostic. */
  lowerStatement(tree: Tree, split: SplitStatement): Statement | undefined {
    try {
      const statement = this.statement(tree);
      statement.span = split.span;
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
