// The life of the secrets of an input, for a target without secret objects:
// values follow statement order (CREATE SECRET, then ALTER SECRET ... AS
// changes the value used by the connections after it; RENAME and DROP move
// and end it), names resolve the way the source platform resolves them, and
// what became of each secret is said truthfully at the end.
import { info, type Diagnostic } from "../diagnostics.js";
import type { NameRules } from "../dialects/dialect.js";
import type { ObjectName, Span } from "../ir/schema.js";
import { nameKey, nameOfText, nameText } from "./names.js";

interface SecretEntry {
  /** The name as the input first wrote it. */
  name: string;
  /** The current value; undefined when it is not a constant connbridge can read. */
  value: string | undefined;
  span: Span | undefined;
  translatedUsers: Set<string>;
  untranslatedUsers: Set<string>;
}

export type SecretLookup =
  | { found: "value"; value: string }
  | { found: "not-constant" }
  | { found: "later" }
  | { found: "dropped" }
  | { found: "nothing" };

export class SecretBook {
  /** Secrets of the input as they stand at the statement being planned. */
  private readonly live = new Map<string, SecretEntry>();
  /** Every secret the input defines, kept after DROP for the closing report. */
  private readonly all: SecretEntry[] = [];
  private readonly dropped = new Set<string>();
  private readonly caller = new Map<string, string>();

  constructor(
    private readonly rules: NameRules,
    callerSecrets: Record<string, string>,
    /** Keys of every secret the input creates, to tell "defined later" from "not defined". */
    private readonly definedLater: Set<string>,
  ) {
    for (const [name, value] of Object.entries(callerSecrets)) this.caller.set(nameKey(nameOfText(name), rules), value);
  }

  key(name: ObjectName): string {
    return nameKey(name, this.rules);
  }

  create(name: ObjectName, value: string | undefined, span: Span | undefined): void {
    const key = this.key(name);
    const entry: SecretEntry = { name: nameText(name), value, span, translatedUsers: new Set(), untranslatedUsers: new Set() };
    this.live.set(key, entry);
    this.all.push(entry);
    this.dropped.delete(key);
  }

  /** ALTER SECRET ... AS: the value for the connections planned after it. */
  setValue(name: ObjectName, value: string | undefined, span: Span | undefined): void {
    const entry = this.live.get(this.key(name));
    if (entry === undefined) return this.create(name, value, span);
    entry.value = value;
  }

  rename(name: ObjectName, newName: ObjectName): void {
    const key = this.key(name);
    const entry = this.live.get(key);
    if (entry === undefined) return;
    this.live.delete(key);
    // A rename keeps the schema: only the last part changes.
    const renamed: ObjectName = { parts: [...name.parts.slice(0, -1), newName.parts[newName.parts.length - 1]!] };
    this.live.set(this.key(renamed), entry);
  }

  drop(name: ObjectName): void {
    const key = this.key(name);
    if (this.live.delete(key)) this.dropped.add(key);
  }

  /** The value a reference stands for at this point of the input, then among the caller's secrets. */
  lookup(name: ObjectName): SecretLookup {
    const key = this.key(name);
    const entry = this.live.get(key);
    if (entry !== undefined) return entry.value === undefined ? { found: "not-constant" } : { found: "value", value: entry.value };
    const supplied = this.caller.get(key);
    if (supplied !== undefined) return { found: "value", value: supplied };
    if (this.dropped.has(key)) return { found: "dropped" };
    if (this.definedLater.has(key)) return { found: "later" };
    return { found: "nothing" };
  }

  /** Records that a connection used a secret of the input, and whether the connection was written. */
  used(name: ObjectName, connection: string, translated: boolean): void {
    const entry = this.live.get(this.key(name));
    if (entry === undefined) return;
    (translated ? entry.translatedUsers : entry.untranslatedUsers).add(connection);
  }

  /** What became of each secret of the input. */
  report(targetPlatform: string): Diagnostic[] {
    return this.all.map((entry) => {
      const list = (users: Set<string>) => [...users].join(", ");
      if (entry.translatedUsers.size > 0) {
        return info(
          "translate.secret-inlined",
          `secret ${entry.name} is written into the connections that use it (${list(entry.translatedUsers)}); ${targetPlatform} has no secret objects`,
          entry.span,
        );
      }
      if (entry.untranslatedUsers.size > 0) {
        return info(
          "translate.secret-not-written",
          `secret ${entry.name} is used only by connections that are not translated (${list(entry.untranslatedUsers)}); it is written nowhere`,
          entry.span,
        );
      }
      return info("translate.secret-unused", `secret ${entry.name} is not used by any connection of the input; it is written nowhere`, entry.span);
    });
  }
}
