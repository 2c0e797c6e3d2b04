import { getDb } from "@/db/client";
import { getAuthSecret } from "@/lib/auth/secret";
import { signOutResponse } from "@/lib/auth/sign-out";

export const dynamic = "force-dynamic";

/** The sign-out form posts here (a plain form, so the browser loads the sign-in page afresh). */
export async function POST(request: Request) {
  return signOutResponse(request, await getDb(), getAuthSecret());
}
