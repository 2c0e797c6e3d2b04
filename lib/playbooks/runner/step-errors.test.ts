import { RetryAfterError } from "inngest";
import { describe, expect, it } from "vitest";
import { RetryableEmailError } from "../../email/errors";
import { asStepError } from "./step-errors";

describe("asStepError", () => {
  it("turns a provider's retry-after into Inngest's RetryAfterError, in whole seconds", () => {
    const e = asStepError(new RetryableEmailError("429 from Resend", 7_200));
    expect(e).toBeInstanceOf(RetryAfterError);
    expect((e as RetryAfterError).retryAfter).toBe("8");
  });

  it("leaves other errors, and busy providers that gave no time, to the normal backoff", () => {
    const busy = new RetryableEmailError("503 from Resend");
    expect(asStepError(busy)).toBe(busy);
    const other = new Error("boom");
    expect(asStepError(other)).toBe(other);
  });
});
