import { describe, expect, it } from "vitest";
import { SUPPRESSION_LABELS, suppressionFor, type ConsentRecipient, type ConsentState } from "./consent";

const state = (over: Partial<ConsentState> = {}): ConsentState => ({
  byEmail: new Map(),
  topicOptOuts: new Set(),
  requiresConsent: false,
  ...over,
});
const who = (marketingConsent: string, extra: Partial<ConsentRecipient> = {}): ConsentRecipient => ({
  contactId: "c1",
  email: "ana@example.com",
  marketingConsent,
  doNotContact: false,
  ...extra,
});

describe("suppressionFor and the organisation's consent policy", () => {
  it("off (soft opt-in): a Not asked customer gets marketing email", () => {
    expect(suppressionFor(who("unknown"), "marketing", state())).toBeNull();
    expect(suppressionFor(who("subscribed"), "marketing", state())).toBeNull();
  });

  it("on: a Not asked customer gets no marketing email, with its own reason; a subscribed one does", () => {
    const on = state({ requiresConsent: true });
    expect(suppressionFor(who("unknown"), "marketing", on)).toBe("no_consent");
    expect(SUPPRESSION_LABELS.no_consent).toBe("Never agreed to marketing email");
    expect(suppressionFor(who("subscribed"), "marketing", on)).toBeNull();
    // Fails closed when the caller did not say what the customer's consent is.
    expect(suppressionFor({ contactId: "c1", email: "ana@example.com" }, "marketing", on)).toBe("no_consent");
  });

  it("on: transactional email is never affected", () => {
    expect(suppressionFor(who("unknown"), "transactional", state({ requiresConsent: true }))).toBeNull();
    expect(
      suppressionFor(
        { contactId: null, email: "owner@example.com" },
        "transactional",
        state({ requiresConsent: true }),
      ),
    ).toBeNull();
  });

  it("stronger reasons still come first under the policy", () => {
    const on = state({ requiresConsent: true, topicOptOuts: new Set(["c1"]) });
    expect(suppressionFor(who("unsubscribed"), "marketing", on)).toBe("unsubscribed");
    expect(suppressionFor(who("unknown", { doNotContact: true }), "marketing", on)).toBe("do_not_contact");
    expect(suppressionFor(who("unknown"), "marketing", on)).toBe("topic_unsubscribed");
    expect(suppressionFor(who("unknown", { email: null }), "marketing", on)).toBe("no_email");
    const bounced = state({ requiresConsent: true, byEmail: new Map([["ana@example.com", new Set(["hard_bounce"])]]) });
    expect(suppressionFor(who("unknown"), "marketing", bounced)).toBe("bounced");
  });
});
