"use server";

import { revalidatePath } from "next/cache";
import { signOut } from "@/lib/auth/auth";

export async function signOutAction() {
  // Drop the pages the browser keeps for this session (its router cache): the next person to
  // sign in on it must not be shown them.
  revalidatePath("/", "layout");
  await signOut({ redirectTo: "/login" });
}
