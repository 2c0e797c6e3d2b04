import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-button";
import { When } from "@/components/ui/when";
import { publishDraftAction, restoreVersionAction } from "../actions";

type Version = {
  id: string;
  number: number;
  note: string;
  createdAt: Date;
  publishedAt: Date | null;
  current: boolean;
};

export function VersionsCard({
  playbookId,
  versions,
  manage,
  hasDraft,
}: {
  playbookId: string;
  versions: Version[];
  manage: boolean;
  hasDraft: boolean;
}) {
  return (
    <Card
      title="Versions"
      description="Published versions never change. Open one to see it with its changes; restoring one makes it the draft; publishing the draft makes it current."
      actions={
        manage && hasDraft ? (
          <ActionButton
            label="Publish draft"
            variant="primary"
            done="The draft is now the current version."
            action={publishDraftAction.bind(null, { playbookId })}
          />
        ) : null
      }
    >
      <ul className="divide-y divide-slate-100 text-sm">
        {versions.map((v) => (
          <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <Link
                href={`/playbooks/${playbookId}/versions/${v.id}`}
                className="font-medium text-brand-700 hover:underline"
              >
                Version {v.number}
              </Link>{" "}
              <span className="text-xs text-slate-500">
                {v.publishedAt ? (
                  <>
                    published <When value={v.publishedAt} />
                  </>
                ) : (
                  "draft"
                )}
                {v.current ? " · current" : ""}
                {v.note ? ` · ${v.note}` : ""}
              </span>
            </span>
            {manage && v.publishedAt && !v.current ? (
              <ActionButton
                label="Restore as draft"
                ariaLabel={`Restore version ${v.number} as draft`}
                done={`Version ${v.number} is now the draft.`}
                action={restoreVersionAction.bind(null, { playbookId, versionId: v.id })}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
