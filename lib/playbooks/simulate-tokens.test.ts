import { describe, expect, it } from "vitest";
import { compileTemplate } from "../email/compile";
import { fillTemplate } from "../email/fill";
import { fillForPreview, missingInWords } from "./simulate-tokens";

describe("tokens in a simulated message", () => {
  const values = { "contact.first_name": "Ada", "contact.company": null, "discount.code": null };

  it("fills known values, keeps a fallback, and says in words what has no value", () => {
    expect(
      fillForPreview(
        'Call {{contact.first_name}} at {{ contact.company }} ({{contact.company | "no company"}})',
        values,
      ),
    ).toBe("Call Ada at [contact.company — no value for this customer, so this would be empty] (no company)");
    expect(fillForPreview("Code {{discount.code}}", values)).toBe(
      "Code [discount.code — no discount code is created before this step, so this would be empty]",
    );
  });

  it("an email preview marks a missing token instead of leaving it blank; a real send leaves it empty", async () => {
    const compiled = await compileTemplate({
      subject: "Hi {{contact.company}}",
      body: "Hello {{contact.company}}",
      category: "transactional",
    });
    const links = { track: (u: string) => u, unsubscribeUrl: null, openPixelUrl: null, topicName: null };
    const preview = fillTemplate(compiled, values, { ...links, missing: missingInWords });
    expect(preview.subject).toBe(`Hi ${missingInWords("contact.company")}`);
    expect(preview.text).toContain(`Hello ${missingInWords("contact.company")}`);
    expect(fillTemplate(compiled, values, links).subject).toBe("Hi ");
  });
});
