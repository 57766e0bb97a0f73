// Enumerated values through vocabularies. A platform's table maps each of its
// spellings of a value to the IR's concept (src/ir/schema.ts: SASL_MECHANISMS,
// SECURITY_PROTOCOLS, TLS_MODES), under that platform's comparison rule.
// Reading turns a spelling into the concept; writing turns the concept into
// the platform's own spelling. A value the table does not know is kept as
// written in the IR, and writing it says so, so that nothing is copied from
// one platform to another unnoticed.

/** How a platform compares a written value with its spellings. */
export type Comparison = "exact" | "case-insensitive";

export interface Vocabulary<Concept extends string = string> {
  comparison: Comparison;
  /** Each concept the platform can say, with its spellings; the first spelling is the one written. */
  spellings: Readonly<Partial<Record<Concept, readonly [string, ...string[]]>>>;
}

export function vocabulary<Concept extends string>(
  comparison: Comparison,
  spellings: Partial<Record<Concept, readonly [string, ...string[]]>>,
): Vocabulary<Concept> {
  return { comparison, spellings };
}

const normalise = (vocab: Vocabulary, text: string) => (vocab.comparison === "exact" ? text : text.toLowerCase());

const indexes = new WeakMap<Vocabulary, Map<string, string>>();

function indexOf(vocab: Vocabulary): Map<string, string> {
  let index = indexes.get(vocab);
  if (index === undefined) {
    index = new Map();
    for (const [concept, spellings] of Object.entries(vocab.spellings) as [string, readonly string[]][]) {
      for (const spelling of spellings) index.set(normalise(vocab, spelling), concept);
    }
    indexes.set(vocab, index);
  }
  return index;
}

/** The concept a written value stands for, or undefined when the platform has no such value. */
export function conceptOf(vocab: Vocabulary, written: string): string | undefined {
  return indexOf(vocab).get(normalise(vocab, written));
}

/** The platform's spelling of a concept, or undefined when it cannot say it. */
export function spellingOf(vocab: Vocabulary, concept: string): string | undefined {
  return Object.hasOwn(vocab.spellings, concept) ? (vocab.spellings as Record<string, readonly string[]>)[concept]![0] : undefined;
}

/** The platform's spellings of its concepts, for messages. */
export function spellingsOf(vocab: Vocabulary): string[] {
  return Object.values<readonly string[] | undefined>(vocab.spellings).flatMap((s) => (s === undefined ? [] : [s[0]!]));
}

export interface ReadValue {
  /** The IR value: the concept, or the text as written when the table does not know it. */
  value: string;
  /** The text as written, when writing the IR value would not give it back (a layout detail). */
  spelling?: string;
}

/** Reads a written value into the IR. */
export function readTerm(vocab: Vocabulary, written: string): ReadValue {
  const value = conceptOf(vocab, written) ?? written;
  return writeTerm(vocab, value).text === written ? { value } : { value, spelling: written };
}

export interface WrittenValue {
  text: string;
  /**
   * False when the platform has no reading of the value: it is neither a
   * concept the platform can say nor one of its spellings. It is then
   * written as it stands.
   */
  known: boolean;
}

/**
 * Writes an IR value in the platform's spelling: the spelling the source used
 * where the layout kept one that still reads as the value, else the usual one.
 */
export function writeTerm(vocab: Vocabulary, value: string, spelling?: string): WrittenValue {
  if (spelling !== undefined) {
    const concept = conceptOf(vocab, spelling);
    if ((concept ?? spelling) === value) return { text: spelling, known: concept !== undefined };
  }
  const usual = spellingOf(vocab, value);
  if (usual !== undefined) return { text: usual, known: true };
  // A value kept as written elsewhere that this platform reads (its own spelling of a concept).
  return { text: value, known: conceptOf(vocab, value) !== undefined };
}
