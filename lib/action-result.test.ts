import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { fieldErrorsFromZod, toActionError } from "./action-result";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("toActionError", () => {
  it("turns a ZodError into field errors keyed by path", () => {
    const schema = z.object({
      name: z.string().min(1, "Enter a name"),
      address: z.object({ city: z.string().min(1, "Enter a city") }),
    });
    const parsed = schema.safeParse({ name: "", address: { city: "" } });
    expect(parsed.success).toBe(false);
    const result = toActionError(parsed.error);
    expect(result.ok).toBe(false);
    expect(result.fieldErrors).toEqual({ name: "Enter a name", "address.city": "Enter a city" });
  });

  it("keeps the first message per field and files path-less issues under form", () => {
    const schema = z.object({ code: z.string().min(3, "Too short").regex(/^\d+$/, "Digits only") });
    const parsed = schema.safeParse({ code: "ab" });
    expect(parsed.error!.issues).toHaveLength(2);
    expect(fieldErrorsFromZod(parsed.error!)).toEqual({ code: "Too short" });
    const formLevel = z
      .string()
      .refine(() => false, "Bad value")
      .safeParse("x");
    expect(fieldErrorsFromZod(formLevel.error!)).toEqual({ form: "Bad value" });
  });

  it("passes a ValidationError's field errors through", () => {
    const result = toActionError(new ValidationError({ email: "Taken" }));
    expect(result.fieldErrors).toEqual({ email: "Taken" });
  });

  it.each([new NotFoundError("That contact"), new ForbiddenError(), new ConflictError("Already moved")])(
    "shows a DomainError's own message (%s)",
    (error) => {
      expect(toActionError(error)).toEqual({ ok: false, error: error.message });
    },
  );

  it("hides the details of an unknown error", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = toActionError(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2"));
    expect(result.ok).toBe(false);
    expect(result.error).not.toMatch(/ECONNREFUSED|hunter2|5432/);
    expect(result.error).toMatch(/went wrong/);
    expect(result.fieldErrors).toBeUndefined();
    expect(logged).toHaveBeenCalledOnce();
  });

  it("hides thrown non-Error values too", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(toActionError("raw string with secrets").error).not.toContain("secrets");
  });
});
