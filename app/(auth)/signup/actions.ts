"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth/auth";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { createOrganizationWithOwner } from "@/lib/orgs/signup";
import type { SignupInput } from "@/lib/orgs/signup.schema";

export async function signupAction(input: SignupInput): Promise<ActionResult> {
  let email: string;
  try {
    const created = await createOrganizationWithOwner(await getDb(), input);
    email = created.email;
  } catch (error) {
    return toActionError(error);
  }
  // Outside the try: signIn redirects by throwing. Any page kept from an earlier session goes.
  revalidatePath("/", "layout");
  await signIn("credentials", { email, password: input.password, redirectTo: "/" });
  return { ok: true, data: undefined };
}
