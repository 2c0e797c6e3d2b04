import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FormattedText } from "@/components/customers/formatted-text";
import { parseFormattedText } from "./formatted-text";

describe("formatted note text", () => {
  it("parses bold, italic, code, paragraphs and lists", () => {
    expect(parseFormattedText("Hi **there** *you* `x`\n\n- one\n- two")).toEqual([
      {
        kind: "paragraph",
        lines: [
          [
            { kind: "text", text: "Hi " },
            { kind: "bold", text: "there" },
            { kind: "text", text: " " },
            { kind: "italic", text: "you" },
            { kind: "text", text: " " },
            { kind: "code", text: "x" },
          ],
        ],
      },
      { kind: "list", items: [[{ kind: "text", text: "one" }], [{ kind: "text", text: "two" }]] },
    ]);
  });

  it("renders HTML and script as text, never markup", () => {
    const html = renderToStaticMarkup(
      createElement(FormattedText, { source: "<script>alert(1)</script> **<img src=x onerror=alert(2)>**" }),
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("<strong>&lt;img src=x onerror=alert(2)&gt;</strong>");
  });
});
