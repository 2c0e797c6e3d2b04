import Link from "next/link";
import type { Permission } from "@/lib/auth/permissions";
import { whoCan } from "@/lib/auth/who-can";

/** The page a role may not open (rendered by app/(app)/forbidden.tsx); `permission` is the one the page checks, so the text names who can. */
export function Forbidden({ what, permission }: { what: string; permission?: Permission }) {
  const who = permission ? whoCan(permission) : null;
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-6" role="alert">
      <h1 className="text-lg font-semibold text-amber-900">You don&apos;t have access to {what}</h1>
      <p className="mt-1 text-sm text-amber-900/80">
        {who
          ? `Only ${who} of this organisation can open it. Ask ${who === "owners" ? "an owner" : "one of them"} if you need a change here.`
          : "Your role in this organisation cannot open it. Ask an owner if you need a change here."}
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
