import { describe, expect, it } from "vitest";
import { LIFECYCLE_STAGES } from "@/lib/customers/lifecycle";
import { isValidTimeZone } from "@/lib/time-zones";
import { DEMO_TAGS, makeDemoContact } from "./demo-data";
import { seededRandom } from "./random";

function generate(seed: number, count: number) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => makeDemoContact(random, i + 1));
}

describe("demo contacts", () => {
  it("are deterministic for a seed", () => {
    expect(generate(42, 50)).toEqual(generate(42, 50));
  });

  it("differ between seeds", () => {
    expect(generate(42, 20)).not.toEqual(generate(43, 20));
  });

  it("cover at least six IANA time zones and all five lifecycle stages over 300 contacts", () => {
    const contacts = generate(42, 300);
    const zones = new Set(contacts.map((c) => c.timeZone));
    expect(zones.size).toBeGreaterThanOrEqual(6);
    for (const zone of zones) expect(isValidTimeZone(zone), zone).toBe(true);
    expect(new Set(contacts.map((c) => c.lifecycleStage))).toEqual(new Set(LIFECYCLE_STAGES));
  });

  it("have unique, well-formed emails", () => {
    const emails = generate(42, 300).map((c) => c.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toMatch(/^[a-z0-9.]+@[a-z0-9]+\.example$/);
  });

  it("only use known tags, and every VIP is tagged high-value", () => {
    const known = new Set<string>(DEMO_TAGS.map((t) => t.name));
    for (const c of generate(7, 300)) {
      for (const tag of c.tagNames) expect(known.has(tag), tag).toBe(true);
      if (c.lifecycleStage === "vip") expect(c.tagNames).toContain("high-value");
      if (c.lastSeenDaysAgo !== null) expect(c.lastSeenDaysAgo).toBeLessThanOrEqual(c.createdDaysAgo);
    }
  });
});

describe("seededRandom", () => {
  it("yields the same sequence for the same seed, within [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(first);
    for (const n of first) expect(n >= 0 && n < 1).toBe(true);
  });
});
