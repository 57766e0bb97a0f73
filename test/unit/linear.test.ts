// Every per-statement cost is linear in the statement's size: for each way an
// input can grow (the cases of scripts/linearity.mjs: names of a DROP, keys of
// a CONFIG, repeated keys and options, comments, brokers, the operands of a
// secret expression, statements, ...) the work at 10n is timed against the
// work at n, in one run, and must grow about tenfold. A quadratic path grows
// a hundredfold; the bound of 30 leaves room for the noise of a shared
// machine. No absolute time is asserted. `npm run linearity` prints the
// figures at the full sizes.
import { afterAll, describe, expect, it } from "vitest";
import { CASES, measureCase, measureGrowth } from "../../scripts/linearity.mjs";
import * as api from "../../src/index.js";

const MAX_RATIO = 30;
const figures: string[] = [];

describe("the work grows linearly with the input", () => {
  afterAll(() => console.log(`growth from n to 10n:\n${figures.join("\n")}`));

  it("tells a quadratic path from a linear one", async () => {
    // Control: the measure itself. Looking each item up in a list is quadratic.
    const quadratic = (items: number[]) => items.filter((x, i) => items.indexOf(x) === i).length;
    const linear = (items: number[]) => new Set(items).size;
    const of = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect((await measureGrowth(quadratic, of(2_000), of(20_000), { repeats: 2, warmups: 1 })).ratio).toBeGreaterThan(MAX_RATIO);
    expect((await measureGrowth(linear, of(20_000), of(200_000), { repeats: 2, warmups: 1 })).ratio).toBeLessThan(MAX_RATIO);
  });

  it("has a case for each way the issue names an input growing", () => {
    const names = CASES.map((c: { name: string }) => c.name).join("\n");
    for (const growth of [/DROP of n names/, /unknown CONFIG keys/, /repeated n times/, /option repeated/, /comments/, /brokers/, /secret expression/, /n statements/]) {
      expect(names).toMatch(growth);
    }
  });

  // A measure disturbed by other work on the machine is taken again; a quadratic path fails every time.
  it.each(CASES.map((c: { name: string }) => [c.name, c]))("%s", { retry: 2 }, async (_name, testCase) => {
    // Every case does what it is named for, without an internal error, before it is timed.
    const sample = testCase.run(api, testCase.input(3));
    for (const result of [sample].flat()) {
      expect(result.diagnostics.filter((d: { code: string }) => d.code === "internal.error")).toEqual([]);
    }
    const measured = await measureCase(api, testCase, testCase.testSize, { repeats: 2, warmups: 2 });
    figures.push(`  ${measured.ratio.toFixed(1).padStart(5)}  ${testCase.name} (n=${measured.n})`);
    expect(measured.ratio, `${measured.small.toFixed(1)} ms at n=${measured.n}, ${measured.large.toFixed(1)} ms at 10n`).toBeLessThan(MAX_RATIO);
  });
});
