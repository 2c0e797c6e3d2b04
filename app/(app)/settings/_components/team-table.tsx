"use client";

import { useState } from "react";
import { useActions } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import type { Teammate } from "@/lib/team/team";
import { changeRoleAction, setTeammateActiveAction } from "../team/actions";

export function TeamTable({ team, currentUserId }: { team: Teammate[]; currentUserId: string }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [undo, setUndo] = useState<(() => void) | null>(null);
  const { run, pending, error, done } = useActions();

  function setActive(member: Teammate, active: boolean, offerUndo = true) {
    setUndo(null);
    void run(() => setTeammateActiveAction({ userId: member.id, active }), {
      done: active ? `${member.name} can sign in again.` : `${member.name} is deactivated and can no longer sign in.`,
      onSuccess: () => setUndo(offerUndo ? () => () => setActive(member, !active, false) : null),
    }).then(() => setConfirming(null));
  }

  function changeRole(member: Teammate, role: Role) {
    setUndo(null);
    void run(() => changeRoleAction({ userId: member.id, role }), {
      done: `${member.name} is now ${ROLE_LABELS[role].toLowerCase()}.`,
    });
  }

  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {error ? (
          <Alert tone="error">{error}</Alert>
        ) : done ? (
          <Alert tone="success">
            <span>{done}</span>
            {undo ? (
              <button type="button" className="ml-2 font-medium underline" onClick={undo} disabled={pending}>
                Undo
              </button>
            ) : null}
          </Alert>
        ) : null}
      </div>
      <div className="table-frame">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Name
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Role
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Status
              </th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {team.map((member) => (
              <tr key={member.id} data-testid={`teammate-${member.email}`}>
                <td className="py-3 pr-3">
                  <p className="font-medium">
                    {member.name}
                    {member.id === currentUserId ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
                  </p>
                  <p className="text-slate-500">{member.email}</p>
                </td>
                <td className="py-3 pr-3">
                  <label className="sr-only" htmlFor={`role-${member.id}`}>
                    Role for {member.name}
                  </label>
                  <select
                    id={`role-${member.id}`}
                    value={member.role}
                    disabled={pending || !member.active}
                    onChange={(event) => changeRole(member, event.target.value as Role)}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="py-3 pr-3">
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ${member.active ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-600"}`}
                  >
                    {member.active ? "Active" : "Deactivated"}
                  </span>
                </td>
                <td className="py-3 text-right">
                  {!member.active ? (
                    <Button variant="secondary" disabled={pending} onClick={() => setActive(member, true)}>
                      Reactivate
                    </Button>
                  ) : confirming === member.id ? (
                    <span className="inline-flex flex-wrap items-center justify-end gap-2">
                      <span className="text-slate-600">Deactivate {member.name}?</span>
                      <Button variant="danger" disabled={pending} onClick={() => setActive(member, false)}>
                        Confirm
                      </Button>
                      <Button variant="ghost" onClick={() => setConfirming(null)}>
                        Cancel
                      </Button>
                    </span>
                  ) : (
                    <Button variant="danger" disabled={pending} onClick={() => setConfirming(member.id)}>
                      Deactivate
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
