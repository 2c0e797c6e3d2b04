"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { cancelRunForOrg, retryRunForOrg } from "@/lib/jobs/runs";

const runInput = z.object({ runId: z.uuid() });
const revalidate = ({ runId }: { runId: string }) => [`/jobs/${runId}`, "/jobs"];

export const cancelRunAction = defineAction(runInput, (ctx, input) => cancelRunForOrg(ctx, input), { revalidate });

export const retryRunAction = defineAction(runInput, (ctx, input) => retryRunForOrg(ctx, input), { revalidate });
