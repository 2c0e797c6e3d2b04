"use server";

import { z } from "zod";
import { defineAction, verbInput } from "@/lib/actions/define-action";
import { PLAYBOOK_STATUSES, type PlaybookTrigger } from "@/lib/playbooks/constants";
import type { PlaybookDetailsInput } from "@/lib/playbooks/playbook.schema";
import { setPlaybookStatus, updatePlaybookDetails } from "@/lib/playbooks/playbooks";
import { cancelRun, enrolContacts } from "@/lib/playbooks/runs-admin";
import { setPlaybookTrigger } from "@/lib/playbooks/trigger";
import { publishDraft, restoreVersionAsDraft } from "@/lib/playbooks/versions";
import { searchContactsForLead } from "@/lib/leads/people";
import {
  createBlankPlaybook,
  getEditorState,
  publishEditorDraft,
  saveEditorDraft,
  type NewPlaybookInput,
} from "@/lib/playbooks/drafts";
import type { DraftGraph } from "@/lib/playbooks/editor/graph-ops";
import { getPublishPreview } from "@/lib/playbooks/canvas-views";
import { createFromBuiltIn, duplicatePlaybook } from "@/lib/playbooks/copies";

const id = z.uuid();
/** The list (status, trigger, name) and the playbook's own page. */
const listAndPage = ({ playbookId }: { playbookId: string }) => ["/playbooks", `/playbooks/${playbookId}`];
const page = ({ playbookId }: { playbookId: string }) => [`/playbooks/${playbookId}`];

export const setStatusAction = defineAction(
  z.object({ playbookId: id, status: z.enum(PLAYBOOK_STATUSES, "Choose a status") }),
  (ctx, { playbookId, status }) => setPlaybookStatus(ctx, playbookId, status),
  { revalidate: listAndPage },
);

export const publishDraftAction = defineAction(
  z.object({ playbookId: id }),
  async (ctx, { playbookId }) => {
    await publishDraft(ctx, playbookId);
  },
  { revalidate: page },
);

export const restoreVersionAction = defineAction(
  z.object({ playbookId: id, versionId: id }),
  async (ctx, { playbookId, versionId }) => {
    await restoreVersionAsDraft(ctx, playbookId, versionId);
  },
  {
    revalidate: ({ playbookId, versionId }) => [
      `/playbooks/${playbookId}`,
      `/playbooks/${playbookId}/edit`,
      `/playbooks/${playbookId}/versions/${versionId}`,
    ],
  },
);

export const cancelPlaybookRunAction = defineAction(
  z.object({ runId: id }),
  (ctx, { runId }) => cancelRun(ctx, runId),
  { revalidate: ({ runId }) => [`/playbooks/runs/${runId}`] },
);

export const enrolAction = defineAction(
  z.object({ playbookId: id, enrol: verbInput<{ contactIds: string[] }>() }),
  (ctx, { playbookId, enrol }) => enrolContacts(ctx, playbookId, enrol),
  { revalidate: page },
);

export const searchCustomersAction = defineAction(z.object({ q: z.string() }), (ctx, { q }) =>
  searchContactsForLead(ctx, q),
);

export const setTriggerAction = defineAction(
  z.object({
    playbookId: id,
    trigger: verbInput<{ trigger: PlaybookTrigger | string; triggerSegmentId: string }>(),
  }),
  (ctx, { playbookId, trigger }) => setPlaybookTrigger(ctx, playbookId, trigger),
  { revalidate: listAndPage },
);

export const updateSettingsAction = defineAction(
  z.object({ playbookId: id, details: verbInput<PlaybookDetailsInput>() }),
  (ctx, { playbookId, details }) => updatePlaybookDetails(ctx, playbookId, details),
  { revalidate: listAndPage },
);

// The visual editor (issue 17): draft saves carry their revision; publishing refuses a stale or invalid draft.
export const saveEditorDraftAction = defineAction(
  z.object({ playbookId: id, draft: verbInput<{ graph: DraftGraph; baseRevision: number }>() }),
  (ctx, { playbookId, draft }) => saveEditorDraft(ctx, playbookId, draft),
);

export const loadEditorStateAction = defineAction(z.object({ playbookId: id }), (ctx, { playbookId }) =>
  getEditorState(ctx, playbookId),
);

export const publishEditorDraftAction = defineAction(
  z.object({ playbookId: id, baseRevision: z.number().int() }),
  (ctx, { playbookId, baseRevision }) => publishEditorDraft(ctx, playbookId, { baseRevision }),
  { revalidate: listAndPage },
);

export const createPlaybookAction = defineAction(
  verbInput<NewPlaybookInput>(),
  (ctx, input) => createBlankPlaybook(ctx, input),
  { revalidate: ["/playbooks"] },
);

export const publishPreviewAction = defineAction(z.object({ playbookId: id }), (ctx, { playbookId }) =>
  getPublishPreview(ctx, playbookId),
);

export const duplicatePlaybookAction = defineAction(
  // graph: the editor's own steps, checked by the domain (keep mine as a copy after a refused save).
  z.object({ playbookId: id, graph: z.unknown().optional() }),
  (ctx, { playbookId, graph }) => duplicatePlaybook(ctx, playbookId, { graph }),
  { revalidate: ["/playbooks"] },
);

export const createFromBuiltInAction = defineAction(
  verbInput<{ key: string }>(),
  (ctx, input) => createFromBuiltIn(ctx, input),
  { revalidate: ["/playbooks"] },
);
