import { describe, expect, it } from "vitest";
import { detectDelimiter, parseCsv } from "./csv-parse";
import { guessMapping } from "./fields";
import { validateRow } from "./validate-row";

describe("csv parsing", () => {
  it("handles quotes, escaped quotes, embedded delimiters and newlines, CRLF and a BOM", () => {
    const { rows } = parseCsv('\uFEFFname,notes\r\n"Lopez, Ana","said ""hi""\nthen left"\r\nBob,\r\n\r\n');
    expect(rows).toEqual([
      ["name", "notes"],
      ["Lopez, Ana", 'said "hi"\nthen left'],
      ["Bob", ""],
    ]);
  });
  it("detects semicolon, tab and pipe delimiters from the header", () => {
    expect(detectDelimiter("a;b;c\n1;2;3")).toBe(";");
    expect(detectDelimiter("a\tb\n")).toBe("\t");
    expect(detectDelimiter("a|b|c")).toBe("|");
    expect(detectDelimiter('"x;y",b,c')).toBe(",");
    expect(parseCsv("First name;Email\nAna;ana@example.com").rows).toEqual([
      ["First name", "Email"],
      ["Ana", "ana@example.com"],
    ]);
  });
  it("reports a quote that never closes", () => {
    expect(parseCsv('a,b\n1,"open\n2,3').unterminatedQuoteAtLine).toBe(2);
  });
});

describe("column mapping and row validation", () => {
  it("guesses fields from common header spellings", () => {
    expect(
      guessMapping(["E-mail Address", "First Name", "Surname", "Mobile", "Company Name", "Stage", "DOB", "Tags"]),
    ).toEqual({
      email: 0,
      firstName: 1,
      lastName: 2,
      phone: 3,
      company: 4,
      lifecycleStage: 5,
      birthday: 6,
      tags: 7,
    });
    expect(guessMapping(["Name", "Email"])).toEqual({ fullName: 0, email: 1 });
  });
  it("names every problem of a bad row", () => {
    const m = { firstName: 0, email: 1, lifecycleStage: 2, birthday: 3 };
    expect(validateRow(["", "not-an-email", "gold", "2026-02-30"], m)).toEqual({
      ok: false,
      reasons: [
        "missing first name",
        'bad email "not-an-email"',
        'unknown stage "gold" (use lead, active, vip, at_risk or churned)',
        'bad date "2026-02-30" (use YYYY-MM-DD)',
      ],
    });
    const ok = validateRow(["Ana", "ANA@Example.com", "At risk", "1990-04-21"], m);
    expect(ok).toMatchObject({
      ok: true,
      contact: { email: "ana@example.com", lifecycleStage: "at_risk", birthday: "1990-04-21" },
    });
  });
  it("splits a full name", () => {
    expect(validateRow(["Ana Maria Lopez"], { fullName: 0 })).toMatchObject({
      ok: true,
      contact: { firstName: "Ana", lastName: "Maria Lopez" },
    });
  });
});
