import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvValue } from "./csv";
import { parseCsv } from "./import/csv-parse";

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

describe("csv round trip (export, then import)", () => {
  const VALUES = [
    "=1+1",
    "+33 6 12 34 56 78",
    "-Lopez",
    "@home",
    "\t=cmd",
    "'=already quoted",
    "''+two",
    "'plain apostrophe",
    "it's fine",
    'a "b", c',
    "x\ny",
    "",
    "Ana",
  ];
  it("every value comes back unchanged, including those starting with = + - @ and apostrophes", () => {
    const text = csvLine(["h", ...VALUES.map((_, i) => `c${i}`)]) + csvLine(["v", ...VALUES]);
    const { rows } = parseCsv(text);
    expect(rows[1]).toEqual(["v", ...VALUES]);
  });
  it("un-neutralises only what csvCell neutralised", () => {
    for (const v of VALUES) expect(csvValue(csvCell(v).replace(/^"|"$/g, "").replace(/""/g, '"'))).toBe(v);
    expect(csvValue("'hello")).toBe("'hello");
    expect(csvValue("+33")).toBe("+33");
  });
});
