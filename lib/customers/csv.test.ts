import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";

describe("csv export cells", () => {
  it.each(["=1+1", "+33 1 70", "-2", "@SUM(A1)", "\t=cmd", "\r=cmd"])("neutralises %j", (v) => {
    const cell = csvCell(v);
    expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
  });
  it("quotes commas, quotes and newlines", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("x\ny")).toBe('"x\ny"');
    expect(csvLine(["a", null, 3])).toBe("a,,3\r\n");
  });
  it("neutralises a formula hidden behind a quote-needing value", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
  });
});
