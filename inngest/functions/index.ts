import type { InngestFunction } from "inngest";
import { recomputeLeadScores } from "./recompute-lead-scores";

/** Every function served at /api/inngest. Each domain appends its own. */
export const functions: InngestFunction.Any[] = [recomputeLeadScores];
