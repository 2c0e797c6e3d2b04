"use server";

import { defineAction, verbInput } from "@/lib/actions/define-action";
import type { LifecycleRulesInput } from "@/lib/customers/lifecycle-rules.schema";
import { updateLifecycleRules } from "@/lib/customers/lifecycle-settings";

export const updateLifecycleRulesAction = defineAction(
  verbInput<LifecycleRulesInput>(),
  async (ctx, input) => {
    await updateLifecycleRules(ctx, input);
  },
  { revalidate: ["/customers/rules"] },
);
