import { NextRequest } from "next/server";
import { BODY_LIMITS, readBodyWithin } from "@/lib/api/body-limit";
import { handlers } from "@/lib/auth/auth";

export const { GET } = handlers;

/** Auth.js's own endpoints take small forms only: a larger body is refused before it is read whole. */
export async function POST(request: NextRequest) {
  const read = await readBodyWithin(request, BODY_LIMITS.auth);
  if (!read.ok) return read.response;
  return handlers.POST(new NextRequest(request.url, { method: "POST", headers: request.headers, body: read.bytes }));
}
