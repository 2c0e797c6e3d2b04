import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createContact, updateContactDetails, toDetailsForm } from "@/lib/customers/contacts";
import { searchCustomerOptions } from "@/lib/customers/picker";
import { contactProfile } from "@/lib/customers/profile";
import { ValidationError } from "@/lib/errors";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";

const db = setupTestDb();

describe("customer picker (Referred by)", () => {
  it("suggests matching customers of the organisation by name, email or phone, never the customer itself", async () => {
    const org = await createTestOrg(db());
    const other = await createTestOrg(db());
    const email = uniqueEmail("ref");
    const ref = await createContact(org.staff.ctx, {
      firstName: "Rhea",
      lastName: "Referrer",
      email,
      phone: "+1 555 010 2030",
      company: "",
    });
    const me = await createContact(org.staff.ctx, {
      firstName: "Rhea",
      lastName: "Newcomer",
      email: "",
      phone: "",
      company: "",
    });
    await createContact(other.owner.ctx, {
      firstName: "Rhea",
      lastName: "Elsewhere",
      email: "",
      phone: "",
      company: "",
    });

    expect(await searchCustomerOptions(org.staff.ctx, { q: "rhea", excludeId: me.id })).toEqual([
      { id: ref.id, name: "Rhea Referrer", detail: email },
    ]);
    expect((await searchCustomerOptions(org.staff.ctx, { q: "rhea" })).map((o) => o.name)).toEqual([
      "Rhea Newcomer",
      "Rhea Referrer",
    ]);
    expect((await searchCustomerOptions(org.staff.ctx, { q: "0102030" })).map((o) => o.id)).toEqual([ref.id]);
    expect(await searchCustomerOptions(org.staff.ctx, { q: "r" })).toEqual([]);
    await expect(searchCustomerOptions(org.staff.ctx, { q: "rhea", excludeId: "nope" })).rejects.toBeInstanceOf(
      ZodError,
    );

    // Choosing the suggestion links them both ways on the profiles.
    await updateContactDetails(org.staff.ctx, me.id, { ...toDetailsForm(me), referredById: ref.id });
    expect((await contactProfile(org.staff.ctx, me.id)).referrer).toMatchObject({
      id: ref.id,
      firstName: "Rhea",
      lastName: "Referrer",
    });
    expect((await contactProfile(org.staff.ctx, ref.id)).referred.map((p) => p.id)).toEqual([me.id]);
    // Another organisation's customer cannot be the referrer.
    const [elsewhere] = await searchCustomerOptions(other.owner.ctx, { q: "rhea" });
    await expect(
      updateContactDetails(org.staff.ctx, me.id, { ...toDetailsForm(me), referredById: elsewhere!.id }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
