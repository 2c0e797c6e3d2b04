import { forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";

/**
 * The check the page makes, made here too: loading.tsx starts streaming the page (status 200)
 * before the page runs, and a layout runs before that, so a refusal still answers 403.
 */
export default async function AuditLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireSession();
  if (!can(ctx.actor, "audit:read")) forbidden();
  return children;
}
