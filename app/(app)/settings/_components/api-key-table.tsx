"use client";

import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { When } from "@/components/ui/when";
import type { ApiKeySummary } from "@/lib/api-keys/keys";
import { revokeApiKeyAction } from "../api-keys/actions";

export function ApiKeyTable({ keys }: { keys: ApiKeySummary[] }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const { run, pending, error, done } = useAction(revokeApiKeyAction, {
    done: (revoked) => `“${revoked.name}” is revoked. Calls with it now get 401.`,
  });
  const revoke = (key: ApiKeySummary) => void run({ keyId: key.id }).then(() => setConfirming(null));

  if (keys.length === 0)
    return (
      <p className="text-sm text-slate-500">No API keys yet. Create one above when a system needs to send events.</p>
    );
  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {error ? <Alert tone="error">{error}</Alert> : done ? <Alert tone="success">{done}</Alert> : null}
      </div>
      <div className="table-frame">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Name
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Key
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Created
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Last used
              </th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.map((key) => (
              <tr key={key.id} data-testid={`api-key-${key.name}`}>
                <td className="py-3 pr-3 font-medium">{key.name}</td>
                <td className="py-3 pr-3 font-mono text-xs">{key.prefix}…</td>
                <td className="py-3 pr-3">
                  <When value={key.createdAt} />
                </td>
                <td className="py-3 pr-3">
                  <When value={key.lastUsedAt} empty="Never" />
                </td>
                <td className="py-3 text-right">
                  {key.revokedAt ? (
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
                      Revoked <When value={key.revokedAt} />
                    </span>
                  ) : confirming === key.id ? (
                    <span className="inline-flex flex-wrap items-center justify-end gap-2">
                      <span className="text-slate-600">Revoke “{key.name}”? Systems using it stop at once.</span>
                      <Button variant="danger" disabled={pending} onClick={() => revoke(key)}>
                        Confirm revoke
                      </Button>
                      <Button variant="ghost" onClick={() => setConfirming(null)}>
                        Cancel
                      </Button>
                    </span>
                  ) : (
                    <Button variant="danger" disabled={pending} onClick={() => setConfirming(key.id)}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
