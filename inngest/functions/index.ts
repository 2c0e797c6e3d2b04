import type { InngestFunction } from "inngest";
import { recomputeLeadScores } from "./recompute-lead-scores";
import { importContacts } from "./import-contacts";
import { lifecycleSweep } from "./lifecycle-sweep";
import { refreshSegmentsDaily, refreshSegmentsOnChange, refreshSegmentsOnSchedule } from "./refresh-segments";
import { emailRetryQueued } from "./email-retry-queued";
import { playbookFunctions } from "./playbooks";
import { playbookDetectors } from "./playbook-detectors";
import { campaignFunctions } from "./campaigns";
import { inngest } from "../client";

/** Every function served at /api/inngest. Each domain appends its own. */
export const functions: InngestFunction.Any[] = [
  recomputeLeadScores,
  importContacts,
  lifecycleSweep,
  refreshSegmentsOnChange,
  refreshSegmentsOnSchedule,
  refreshSegmentsDaily,
  emailRetryQueued,
  ...playbookFunctions(inngest),
  playbookDetectors,
  ...campaignFunctions(inngest),
];
