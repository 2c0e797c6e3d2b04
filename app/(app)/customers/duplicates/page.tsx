import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { findDuplicates } from "@/lib/customers/duplicates";
import { Card, PageHeader } from "@/components/ui/card";
import { MergeButtons } from "../_components/merge-buttons";

export const metadata: Metadata = { title: "Possible duplicates" };

const REASONS = {
  email: "Same email",
  phone: "Same phone number",
  name: "Same name",
  similar_name: "Similar name",
} as const;

export default async function DuplicatesPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "customers:merge")) forbidden();
  const pairs = await findDuplicates(ctx);
  return (
    <>
      <PageHeader
        title="Possible duplicates"
        description="Merging keeps every interaction, note, follow-up, tag and timeline entry of both."
      />
      {pairs.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">No likely duplicates found.</p>
        </Card>
      ) : (
        <ul className="space-y-3">
          {pairs.map((p) => (
            <li key={`${p.a.id}-${p.b.id}`}>
              <Card
                title={
                  p.score === undefined
                    ? REASONS[p.reason]
                    : `${REASONS[p.reason]} (${Math.round(p.score * 100)}% alike)`
                }
              >
                <div className="grid gap-3 text-sm sm:grid-cols-2">
                  {[p.a, p.b].map((c) => (
                    <div key={c.id}>
                      <Link className="font-medium text-brand-700 hover:underline" href={`/customers/${c.id}`}>
                        {c.name}
                      </Link>
                      <p className="text-slate-600">
                        {[c.email, c.phone].filter(Boolean).join(" · ") || "No contact details"}
                      </p>
                    </div>
                  ))}
                </div>
                <div className="mt-3">
                  <MergeButtons a={p.a} b={p.b} />
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
