"use server";

import { defineAction, verbInput } from "@/lib/actions/define-action";
import type { OrganizationSettingsInput } from "@/lib/orgs/organization.schema";
import { updateOrganizationSettings } from "@/lib/orgs/settings";

// The name, zone and currency show on every page.
export const updateOrganizationAction = defineAction(
  verbInput<OrganizationSettingsInput>(),
  async (ctx, input) => {
    await updateOrganizationSettings(ctx, input);
  },
  { revalidate: [{ path: "/", layout: true }] },
);
