// Names between platforms by one rule (README, "Names"), as a table over
// every shape of name in both directions.
import { describe, expect, it } from "vitest";
import { materialize } from "../../src/dialects/materialize/index.js";
import { singlestore } from "../../src/dialects/singlestore/index.js";
import { mapName, nameKey, nameOfText, nameText } from "../../src/translate/names.js";

const MZ = materialize.capabilities.names;
const S2 = singlestore.capabilities.names;

describe("mapping names between qualification schemes", () => {
  it.each([
    ["k", "k", 0],
    ["public.k", "k", 0],
    ["materialize.public.k", "k", 0],
    ["ops.k", "k", 1],
    ["sales.public.k", "sales.k", 0],
    ["sales.ops.k", "sales.k", 1],
    ["materialize.ops.k", "k", 1],
  ])("Materialize %s is SingleStore %s (%i warnings)", (from, to, warnings) => {
    const mapped = mapName(nameOfText(from), MZ, S2, "SingleStore", undefined, "name");
    expect(nameText(mapped.name)).toBe(to);
    expect(mapped.diagnostics).toHaveLength(warnings);
    for (const d of mapped.diagnostics) expect(d.message).toContain("is dropped");
  });

  it.each([
    ["k", "k"],
    ["sales.k", "sales.public.k"],
  ])("SingleStore %s is Materialize %s", (from, to) => {
    const mapped = mapName(nameOfText(from), S2, MZ, "Materialize", undefined, "name");
    expect(nameText(mapped.name)).toBe(to);
    expect(mapped.diagnostics).toEqual([]);
  });

  it("resolves the spellings of one Materialize object to one key", () => {
    const keys = ["pw", "public.pw", "materialize.public.pw"].map((n) => nameKey(nameOfText(n), MZ));
    expect(new Set(keys).size).toBe(1);
    expect(nameKey(nameOfText("other.pw"), MZ)).not.toBe(keys[0]);
  });
});
