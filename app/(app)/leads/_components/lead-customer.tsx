"use client";

import Link from "next/link";
import { InteractionForm } from "@/components/customers/interaction-form";
import { NoteForm } from "@/components/customers/note-form";
import { addLeadNoteAction, logLeadInteractionAction } from "@/app/(app)/leads/actions";

/**
 * The lead panel's way out: the customer's profile, and a call, visit or note logged without
 * leaving the board (they land on the customer's timeline).
 */
export function LeadCustomer({ contact, canLog }: { contact: { id: string; name: string } | null; canLog: boolean }) {
  if (!contact) {
    return (
      <section aria-labelledby="lead-customer-title">
        <h3 id="lead-customer-title" className="text-sm font-semibold">
          Customer
        </h3>
        <p className="mt-1 text-sm text-slate-600">
          No customer is linked to this lead yet. Choose one in the form above to log calls and notes here.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="lead-customer-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="lead-customer-title" className="text-sm font-semibold">
          Customer
        </h3>
        <Link
          href={`/customers/${contact.id}`}
          className="text-sm font-medium text-brand-700 underline underline-offset-2"
          data-testid="lead-customer-link"
        >
          Open {contact.name}&apos;s profile
        </Link>
      </div>
      {canLog ? (
        <>
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium">Log a call, visit or message</summary>
            <div className="mt-3">
              <InteractionForm contactId={contact.id} action={logLeadInteractionAction} onSaved={() => {}} />
            </div>
          </details>
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium">Add a note</summary>
            <div className="mt-3">
              <NoteForm contactId={contact.id} action={addLeadNoteAction} onSaved={() => {}} />
            </div>
          </details>
        </>
      ) : null}
    </section>
  );
}
