// Moving Materialize options into IR connection fields and back.
// `placeOption` types an option's value the way the planner does (§3) and
// stores it at the field the catalogue names; anything that does not fit
// (not allowed for the type, mistyped, given twice, conflicting) is kept
// verbatim in `extras.materialize.options`, so nothing is lost and the
// checker can say what is wrong. Enumerated values go through the
// catalogue's vocabularies: the IR holds the concept, the layout the spelling
// where it differs from the catalogue's. `optionsOf` is the inverse, for the
// emitter and the checker.
import type {
  Connection,
  MaterializeConnectionExtras,
  MaterializeLayoutEntry,
  MaterializeOption,
  ObjectName,
  Span,
  TextOrSecret,
  Tunnel,
  Value,
} from "../../ir/schema.js";
import {
  FIELDS,
  OPTION_VALUE_TYPE,
  TEXT_ONLY_FIELDS,
  unsetValueOf,
  vocabularyOf,
  type MzConnectionType,
  type MzOptionName,
} from "./catalog.js";
import { fieldPathOf, getPath, setPath, type Fields } from "../shared/paths.js";
import { readTerm, spellingsOf, writeTerm } from "../shared/vocabulary.js";

// The extras shapes are defined by the IR schema, which validates IR JSON from elsewhere.
/** An option as written in a statement, before it is typed. */
export type MzOption = MaterializeOption;
/** Spelling of one option in the source, kept so that formatting reproduces it. */
export type MzLayoutEntry = MaterializeLayoutEntry;
export type MzConnectionExtras = MaterializeConnectionExtras;

// ---- Value typing -------------------------------------------------------------

function textOf(value: Value | undefined): { text: string; form?: "identifier" } | undefined {
  if (value === undefined) return undefined;
  if (value.kind === "string") return { text: value.value };
  if (value.kind === "identifier" && value.name.parts.length === 1 && value.name.catalogId === undefined) {
    return { text: value.name.parts[0]!.value, form: "identifier" };
  }
  return undefined;
}

function integerOf(value: Value | undefined): number | undefined {
  if (value?.kind !== "number" || !/^-?\d+$/.test(value.value)) return undefined;
  const n = Number(value.value);
  return Number.isSafeInteger(n) ? n : undefined;
}

function referenceOf(value: Value | undefined): ObjectName | undefined {
  return value?.kind === "identifier" ? value.name : undefined;
}

interface Typed {
  field: unknown;
  form?: "identifier";
  list?: true;
  spelling?: string;
}

/** Types a value for an option as the planner would; undefined when it does not fit. */
function typeValue(option: MzOptionName, value: Value | undefined, textOnly: boolean): Typed | undefined {
  switch (OPTION_VALUE_TYPE[option]) {
    case "text": {
      const t = textOf(value);
      return t && { field: t.text, ...(t.form ? { form: t.form } : {}) };
    }
    case "textOrSecret":
    case "secret": {
      if (value?.kind === "secret") return textOnly ? undefined : { field: { secret: value.name } };
      const t = textOf(value);
      return t && { field: t.text, ...(t.form ? { form: t.form } : {}) };
    }
    case "port":
    case "int": {
      const n = integerOf(value);
      return n === undefined ? undefined : { field: n };
    }
    case "textList": {
      if (value?.kind !== "list" || !value.items.every((i) => i.kind === "string")) return undefined;
      return { field: value.items.map((i) => (i as { value: string }).value) };
    }
    case "object": {
      const ref = referenceOf(value);
      return ref && { field: ref };
    }
    case "privatelink":
      return value?.kind === "tunnel" && value.tunnel.kind === "privatelink" && value.tunnel.availabilityZone === undefined
        ? { field: value.tunnel }
        : undefined;
    case "brokers":
      return undefined; // handled by placeBrokers
  }
}

// ---- Placement ------------------------------------------------------------------

function isOptionName(option: string): option is MzOptionName {
  return option in OPTION_VALUE_TYPE;
}

function placeBrokers(fields: Fields, option: MzOption): Typed | undefined {
  if (fields.brokers !== undefined || fields.brokerRules !== undefined) return undefined;
  const v = option.value;
  if (option.option === "BROKER") {
    if (v?.kind !== "kafka_broker") return undefined;
    fields.brokers = [v.broker];
    return { field: fields.brokers };
  }
  if (v?.kind !== "list" || v.items.length === 0) return undefined;
  const brokers = v.items.filter((i) => i.kind === "kafka_broker").map((i) => i.broker);
  const rules = v.items.filter((i) => i.kind === "kafka_broker_rule").map((i) => i.rule);
  if (brokers.length + rules.length !== v.items.length) return undefined;
  // Rules listed before a static broker would not print back in place.
  const firstRule = v.items.findIndex((i) => i.kind === "kafka_broker_rule");
  if (firstRule >= 0 && v.items.slice(firstRule).some((i) => i.kind === "kafka_broker")) return undefined;
  if (brokers.length > 0) fields.brokers = brokers;
  if (rules.length > 0) fields.brokerRules = rules;
  return { field: brokers, ...(brokers.length === 1 ? { list: true as const } : {}) };
}

/**
 * Places one option into the connection's fields. Returns the layout entry
 * when placed, undefined when the option must be kept verbatim. `saidUnset`
 * holds the options placed before it as "not set" (layout entries with
 * `unset`).
 */
export function placeOption(
  type: MzConnectionType,
  fields: Fields,
  option: MzOption,
  saidUnset: ReadonlySet<string> = new Set(),
): MzLayoutEntry | undefined {
  if (!isOptionName(option.option)) return undefined;
  const path = FIELDS[type][option.option];
  if (path === undefined || option.value === undefined) return undefined;
  // An option said "not set" earlier has no field to collide with: a repeat is kept verbatim.
  if (saidUnset.has(option.option)) return undefined;
  const unset = unsetValueOf(type, option.option);
  if (unset !== undefined && option.value.kind === "string" && option.value.value === unset) {
    if (getPath(fields, path) !== undefined) return undefined;
    return { option: option.option, unset: true, ...(option.span ? { span: option.span } : {}) };
  }
  let typed: Typed | undefined;
  if (OPTION_VALUE_TYPE[option.option] === "brokers") {
    typed = placeBrokers(fields, option);
    if (typed === undefined) return undefined;
  } else {
    if (path === "tunnel") {
      if (fields.tunnel !== undefined) return undefined;
      const tunnel: Tunnel | undefined =
        option.option === "SSH TUNNEL"
          ? (() => {
              const ref = referenceOf(option.value);
              return ref && { kind: "ssh" as const, connection: ref };
            })()
          : (typeValue(option.option, option.value, false)?.field as Tunnel | undefined);
      if (tunnel === undefined) return undefined;
      fields.tunnel = tunnel;
      typed = { field: tunnel };
    } else {
      const textOnly = TEXT_ONLY_FIELDS[type]?.includes(option.option) ?? false;
      typed = typeValue(option.option, option.value, textOnly);
      const vocabulary = vocabularyOf(type, option.option);
      if (vocabulary !== undefined && typeof typed?.field === "string") {
        const read = readTerm(vocabulary, typed.field);
        typed.field = read.value;
        if (read.spelling !== undefined) typed.spelling = read.spelling;
      }
      if (typed === undefined || !setPath(fields, path, typed.field)) return undefined;
    }
  }
  const entry: MzLayoutEntry = { option: option.option };
  if (typed.form) entry.form = typed.form;
  if (typed.list) entry.list = true;
  if (typed.spelling !== undefined) entry.spelling = typed.spelling;
  if (option.span) entry.span = option.span;
  return entry;
}

// ---- Extraction (for the emitter) -------------------------------------------------

function textValue(text: string, form: "identifier" | undefined): Value {
  return form === "identifier"
    ? { kind: "identifier", name: { parts: [{ value: text, quoted: false }] } }
    : { kind: "string", value: text };
}

function textOrSecretValue(field: TextOrSecret, form: "identifier" | undefined): Value {
  return typeof field === "string" ? textValue(field, form) : { kind: "secret", name: field.secret };
}

/** Converts a placed field back to the option value that says it. */
function valueOfField(option: MzOptionName, field: unknown, layout: MzLayoutEntry | undefined): Value | undefined {
  const form = layout?.form;
  switch (OPTION_VALUE_TYPE[option]) {
    case "text":
      return typeof field === "string" ? textValue(field, form) : undefined;
    case "textOrSecret":
    case "secret":
      return typeof field === "string" || (typeof field === "object" && field !== null && "secret" in field)
        ? textOrSecretValue(field as TextOrSecret, form)
        : undefined;
    case "port":
    case "int":
      return typeof field === "number" ? { kind: "number", value: String(field) } : undefined;
    case "textList":
      return Array.isArray(field) ? { kind: "list", items: field.map((s) => ({ kind: "string", value: String(s) })) } : undefined;
    case "object":
      return { kind: "identifier", name: field as ObjectName };
    case "privatelink":
      return { kind: "tunnel", tunnel: field as Tunnel };
    case "brokers":
      return undefined;
  }
}

/** An IR value outside the vocabulary of an option, written as it stands. */
export interface UnknownTerm {
  /** IR field path. */
  field: string;
  value: string;
  /** The spellings the option takes. */
  spellings: string[];
}

export interface ExtractedOption extends MzOption {
  /** IR field paths this option consumed (for loss reporting). */
  consumed: string[];
  /**
   * Set when the value is outside the option's vocabulary and was not read
   * from Materialize text (whose values the checker judges): the emitter reports it.
   */
  unknownTerm?: UnknownTerm;
}

/**
 * Lists the options that say a connection's fields, plus its verbatim
 * options, in source order where the IR has one, otherwise in catalogue order.
 */
export function optionsOf(type: MzConnectionType, connection: Connection, extras: MzConnectionExtras | undefined): ExtractedOption[] {
  const fields = connection as unknown as Fields;
  const layout = extras?.layout?.options ?? [];
  const out: ExtractedOption[] = [];
  const firstLayout = new Map<string, MzLayoutEntry>();
  for (const l of layout) if (!firstLayout.has(l.option)) firstLayout.set(l.option, l);
  const layoutFor = (option: string) => firstLayout.get(option);

  for (const [name, path] of Object.entries(FIELDS[type]) as [MzOptionName, string][]) {
    if (name === "BROKERS") continue;
    if (name === "BROKER") {
      const brokers = (fields.brokers as Value[] | undefined) ?? [];
      const rules = (fields.brokerRules as Value[] | undefined) ?? [];
      if (brokers.length === 0 && rules.length === 0) continue;
      const items: Value[] = [
        ...(fields.brokers as import("../../ir/schema.js").KafkaBroker[] | undefined ?? []).map(
          (broker) => ({ kind: "kafka_broker", broker }) as Value,
        ),
        ...(fields.brokerRules as import("../../ir/schema.js").KafkaBrokerRule[] | undefined ?? []).map(
          (rule) => ({ kind: "kafka_broker_rule", rule }) as Value,
        ),
      ];
      const single = items.length === 1 && items[0]!.kind === "kafka_broker" && layoutFor("BROKERS")?.list !== true;
      out.push({
        option: single ? "BROKER" : "BROKERS",
        value: single ? items[0]! : { kind: "list", items },
        consumed: [...(brokers.length ? ["brokers"] : []), ...(rules.length ? ["brokerRules"] : [])],
      });
      continue;
    }
    if (path === "tunnel") {
      const tunnel = fields.tunnel as Tunnel | undefined;
      if (tunnel === undefined) continue;
      if (name === "SSH TUNNEL" && tunnel.kind === "ssh") {
        out.push({ option: name, value: { kind: "identifier", name: tunnel.connection }, consumed: ["tunnel"] });
      } else if (name === "AWS PRIVATELINK" && tunnel.kind === "privatelink") {
        // The connection-wide PrivateLink takes no availability zone (spec §4.1): that is left to the loss report.
        const { availabilityZone, ...said } = tunnel;
        const consumed = availabilityZone === undefined ? ["tunnel"] : ["tunnel.connection", "tunnel.port"];
        out.push({ option: name, value: { kind: "tunnel", tunnel: said }, consumed });
      }
      continue;
    }
    const field = getPath(fields, path);
    const written = layoutFor(name);
    const unset = unsetValueOf(type, name);
    if (field === undefined) {
      if (written?.unset && unset !== undefined) out.push({ option: name, value: { kind: "string", value: unset }, consumed: [] });
      continue;
    }
    // A value that reads back as "not set" cannot be said: the field is left to loss reporting.
    if (unset !== undefined && field === unset) continue;
    const vocabulary = vocabularyOf(type, name);
    if (vocabulary !== undefined && typeof field === "string") {
      const term = writeTerm(vocabulary, field, written?.spelling);
      const value = valueOfField(name, term.text, written);
      if (value === undefined) continue;
      const option: ExtractedOption = { option: name, value, consumed: [fieldPathOf(path)] };
      if (!term.known && written === undefined) option.unknownTerm = { field: fieldPathOf(path), value: field, spellings: spellingsOf(vocabulary) };
      out.push(option);
      continue;
    }
    const value = valueOfField(name, field, written);
    if (value === undefined) continue;
    out.push({ option: name, value, consumed: [fieldPathOf(path)] });
  }
  for (const raw of extras?.options ?? []) out.push({ ...raw, consumed: [] });

  // Order by source layout: the k-th occurrence of a name takes the k-th layout slot of that name.
  const slots = new Map<string, number[]>();
  layout.forEach((l, i) => {
    const list = slots.get(l.option);
    if (list === undefined) slots.set(l.option, [i]);
    else list.push(i);
  });
  const used = new Map<string, number>();
  const rank = (o: ExtractedOption, index: number) => {
    const list = slots.get(o.option);
    const k = used.get(o.option) ?? 0;
    used.set(o.option, k + 1);
    if (list !== undefined && k < list.length) return list[k]!;
    return layout.length + index;
  };
  const ranked = out.map((o, i) => {
    const r = rank(o, i);
    const span = r < layout.length ? layout[r]!.span : undefined;
    if (span !== undefined && o.span === undefined) o.span = span;
    return { o, r };
  });
  // Without a source order: catalogue order, verbatim options last.
  ranked.sort((a, b) => a.r - b.r);
  return ranked.map((x) => x.o);
}
