"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrapAction } from "@/components/forms/action-feedback";
import { searchContactsAction } from "@/app/(app)/leads/actions";
import type { CriteriaGroup, CriteriaNode } from "@/lib/segments/criteria.schema";
import type { Explanation } from "@/lib/segments/explain";
import type { FieldInfo } from "@/lib/segments/fields/types";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { describeCondition } from "./describe";

type Result =
  | { ok: true; matched: boolean; name: string; tree: Explanation }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

function Tree({ node, exp, fields }: { node: CriteriaNode; exp: Explanation; fields: FieldInfo[] }) {
  const mark = (
    <span aria-hidden className={exp.matched ? "text-emerald-600" : "text-red-600"}>
      {exp.matched ? "✓" : "✗"}
    </span>
  );
  const said = exp.matched ? "matches" : "does not match";
  if (node.kind === "condition") {
    return (
      <li className="flex gap-2">
        {mark}
        <span>
          {describeCondition(node, fields)} <span className="sr-only">— {said}</span>
        </span>
      </li>
    );
  }
  return (
    <li>
      <div className="flex gap-2">
        {mark}
        <span>
          {node.match === "all" ? "All of" : "Any of"} <span className="sr-only">— {said}</span>
        </span>
      </div>
      <ul className="ml-5 space-y-1">
        {node.children.map((c, i) => (
          <Tree key={c.id} node={c} exp={exp.children![i]!} fields={fields} />
        ))}
      </ul>
    </li>
  );
}

/** Asks the server why one customer is in or out of the criteria as they are now. */
export function useExplain(criteria: CriteriaGroup) {
  const [contactId, setContactId] = useState("");
  // The criteria the answer is about: the tree may have been edited since.
  const [answer, setAnswer] = useState<{ result: Result; criteria: CriteriaGroup } | null>(null);
  const [busy, setBusy] = useState(false);
  const explain = async (id: string) => {
    if (!id) return;
    setContactId(id);
    setBusy(true);
    const asked = criteria;
    try {
      const res = await fetch("/segments/explain", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ criteria: asked, contactId: id }),
      });
      setAnswer({ result: (await res.json()) as Result, criteria: asked });
    } catch {
      setAnswer({ result: { ok: false, error: "Could not check right now; try again." }, criteria: asked });
    } finally {
      setBusy(false);
    }
  };
  return { contactId, setContactId, answer, busy, explain };
}

/** "Why is this customer in (or out)?" — pick any customer; each condition says whether it holds for them. */
export function ExplainPanel({ fields, state }: { fields: FieldInfo[]; state: ReturnType<typeof useExplain> }) {
  const { contactId, setContactId, answer, busy, explain } = state;
  const result = answer?.result ?? null;
  const [q, setQ] = useState("");
  const people = useQuery({
    queryKey: ["segment-explain-search", q, contactId],
    queryFn: () => unwrapAction(searchContactsAction({ q, includeId: contactId || undefined })),
  });
  return (
    <section id="explain" aria-labelledby="explain-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="explain-title" className="text-sm font-semibold text-slate-700">
        Why is a customer in or out?
      </h2>
      <div className="mt-2 space-y-2">
        <Input
          aria-label="Search customers to explain"
          placeholder="Search by name, email or company"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="py-1.5"
        />
        <div className="flex gap-2">
          <Select
            aria-label="Customer to explain"
            value={contactId}
            onChange={(e) => setContactId(e.target.value)}
            className="py-1.5"
          >
            <option value="">Choose a customer…</option>
            {(people.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.company ? ` — ${c.company}` : ""}
              </option>
            ))}
          </Select>
          <Button variant="secondary" disabled={!contactId || busy} onClick={() => void explain(contactId)}>
            Explain
          </Button>
        </div>
      </div>
      {result && !result.ok ? (
        <div className="mt-3">
          <Alert tone="error">{result.fieldErrors ? "Finish the highlighted conditions first." : result.error}</Alert>
        </div>
      ) : null}
      {result?.ok ? (
        <div className="mt-3 text-sm" data-testid="explanation">
          <p className="font-medium">
            {result.name} is {result.matched ? "in" : "out"}.
          </p>
          <ul className="mt-1 space-y-1">
            <Tree node={answer!.criteria} exp={result.tree} fields={fields} />
          </ul>
        </div>
      ) : null}
    </section>
  );
}
