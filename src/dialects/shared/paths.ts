// Catalogue paths of IR connection fields. A path is dotted; a segment
// `auth@access_key` is an object whose `method` is `access_key`, so that
// fields of two auth methods never mix in one connection.

export type Fields = Record<string, unknown>;

interface Segment {
  key: string;
  method?: string;
}

const segmentCache = new Map<string, Segment[]>();

function segmentsOf(path: string): Segment[] {
  let segments = segmentCache.get(path);
  if (segments === undefined) {
    segments = path.split(".").map((s) => {
      const [key, method] = s.split("@");
      return method === undefined ? { key: key! } : { key: key!, method };
    });
    segmentCache.set(path, segments);
  }
  return segments;
}

/** The value at a path; undefined when absent or under another auth method. Only own properties count. */
export function getPath(target: Fields, path: string): unknown {
  let node: unknown = target;
  for (const seg of segmentsOf(path)) {
    if (typeof node !== "object" || node === null) return undefined;
    const next = Object.hasOwn(node, seg.key) ? (node as Fields)[seg.key] : undefined;
    if (seg.method !== undefined && (next as Fields | undefined)?.method !== seg.method) return undefined;
    node = next;
  }
  return node;
}

/**
 * Sets a field, creating the objects on the way; false when it is taken
 * (unless `replace`) or conflicts (another auth method).
 */
export function setPath(target: Fields, path: string, value: unknown, options: { replace?: boolean } = {}): boolean {
  const segments = segmentsOf(path);
  let node = target;
  for (const seg of segments.slice(0, -1)) {
    // Only own properties: a path through `__proto__` or `constructor` must not reach shared prototypes.
    let next = (Object.hasOwn(node, seg.key) ? node[seg.key] : undefined) as Fields | undefined;
    if (next === undefined) {
      next = seg.method === undefined ? {} : { method: seg.method };
      define(node, seg.key, next);
    } else if (typeof next !== "object" || next === null || Array.isArray(next)) {
      return false;
    } else if (seg.method !== undefined && next.method !== seg.method) {
      return false;
    }
    node = next;
  }
  const last = segments[segments.length - 1]!;
  if (Object.hasOwn(node, last.key) && node[last.key] !== undefined && !options.replace) return false;
  define(node, last.key, value);
  return true;
}

/** Sets an own property, even `__proto__` (plain assignment would change the prototype). */
function define(target: Fields, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The IR field path of a catalogue path (`auth@access_key.accessKeyId` → `auth.accessKeyId`). */
export function fieldPathOf(path: string): string {
  return segmentsOf(path).map((s) => s.key).join(".");
}
