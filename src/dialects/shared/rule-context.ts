import { ParserRuleContext, type ParseTree } from "antlr4ng";

/**
 * Base of the generated parse-tree contexts (the generate script makes them
 * extend it instead of the runtime's ParserRuleContext). The runtime class
 * declares its members as class fields; V8 defines those through a
 * megamorphic path once a parser has dozens of context classes, which made
 * context creation the single largest cost of parsing. Plain assignments in
 * a function constructor take the fast path. The prototype chain is the
 * runtime's, so `instanceof ParserRuleContext` and every method still hold.
 */
function RuleContextBase(this: ParserRuleContext, parent: ParserRuleContext | null, invokingState = -1): void {
  this.start = null;
  this.stop = null;
  (this as { children: ParseTree[] }).children = [];
  this.invokingState = invokingState;
  this.parent = parent;
}
RuleContextBase.prototype = Object.create(ParserRuleContext.prototype, {
  constructor: { value: RuleContextBase, writable: true, configurable: true },
});

const Base = RuleContextBase as unknown as typeof ParserRuleContext;
export { Base as RuleContextBase };
