"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { definePublicAction, verbInput } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth/auth";
import { createOrganizationWithOwner } from "@/lib/orgs/signup";
import type { SignupInput } from "@/lib/orgs/signup.schema";

// Signed out by definition, so not defineAction (which requires a session); the same parsing,
// error mapping and redirect handling otherwise.
export const signupAction = definePublicAction(verbInput<SignupInput>(), async (_ctx, input) => {
  const created = await createOrganizationWithOwner(await getDb(), input);
  // Signing in redirects by throwing (passed through), so the revalidation comes first: any page
  // the browser kept from an earlier session goes.
  revalidatePath("/", "layout");
  await signIn("credentials", { email: created.email, password: String(input.password), redirectTo: "/" });
});
