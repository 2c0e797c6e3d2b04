"use server";

import { revalidatePath } from "next/cache";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { safeReturnPath } from "@/lib/auth/public-paths";

export type LoginState = { error?: string; email?: string };

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "");
  const password = String(formData.get("password") ?? "");
  const redirectTo = safeReturnPath(formData.get("callbackUrl"));
  if (!email.trim() || !password) return { error: "Enter your email and password.", email };
  try {
    // Pages the browser kept from the previous session (its router cache) must not show again.
    revalidatePath("/", "layout");
    await signIn("credentials", { email, password, redirectTo });
    return {};
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors are ours to show.
    if (error instanceof CredentialsSignin) return { error: error.code || "Wrong email or password.", email };
    if (error instanceof AuthError) return { error: "Sign-in failed. Please try again.", email };
    throw error;
  }
}
