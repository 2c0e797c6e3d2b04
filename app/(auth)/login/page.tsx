import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organizations, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/demo-accounts";
import { loadSessionContext } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/auth/public-paths";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { LoginForm } from "../_components/login-form";

export const metadata: Metadata = { title: "Sign in" };

async function demoAccounts() {
  const db = await getDb();
  const rows = await db
    .select({ email: users.email, name: users.name, role: users.role })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(organizations.isDemo, true), eq(users.active, true)))
    .orderBy(asc(users.createdAt));
  return rows.filter((u) => u.email.endsWith("@tend.test")).map((u) => ({ ...u, role: ROLE_LABELS[u.role] }));
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await loadSessionContext()) redirect(returnTo);
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in to your workspace</h1>
      <LoginForm callbackUrl={returnTo} demoAccounts={await demoAccounts()} demoPassword={DEMO_PASSWORD} />
      <p className="mt-6 text-center text-sm text-slate-600">
        New to Tend?{" "}
        <Link href="/signup" className="font-medium text-brand-700 hover:underline">
          Create an organisation
        </Link>
      </p>
    </>
  );
}
