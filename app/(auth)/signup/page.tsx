import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { loadSessionContext } from "@/lib/auth/session";
import { SignupForm } from "../_components/signup-form";

export const metadata: Metadata = { title: "Create an organisation" };

export default async function SignupPage() {
  if (await loadSessionContext()) redirect("/");
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Create your organisation</h1>
      <p className="mb-4 text-sm text-slate-600">You will be its owner. You can invite your team afterwards.</p>
      <SignupForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
