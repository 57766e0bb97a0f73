import { it } from "vitest";
import { format, emit, parse } from "../../src/index.js";
it("x", () => {
  for (const s of ["SELECT 'abc", "COMMENT ON SECRET a IS '\\';\n"]) {
    let t = s;
    for (let i = 0; i < 3; i++) { console.log("T", JSON.stringify(t)); t = format(t, { dialect: "materialize" }).text; }
  }
  const p = parse("COMMENT ON SECRET a IS '\\';\n", { dialect: "materialize" });
  console.log("P", JSON.stringify(p.program), JSON.stringify(p.diagnostics.map((d) => d.message)));
});
