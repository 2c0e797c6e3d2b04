"use server";

import type { z } from "zod";
import { defineAction, verbInput } from "@/lib/actions/define-action";
import type {
  deleteStageSchema,
  reorderStagesSchema,
  ScoringInput,
  StageFields,
  updateStageSchema,
} from "@/lib/leads/stage.schema";
import { addStage, deleteStage, reorderStages, updateScoring, updateStage } from "@/lib/leads/stages";
import { updateLostReasons } from "@/lib/leads/lost-reasons";

const pipeline = { revalidate: ["/settings/pipeline", "/leads"] };

export const addStageAction = defineAction(verbInput<StageFields>(), (ctx, input) => addStage(ctx, input), pipeline);

export const updateStageAction = defineAction(
  verbInput<z.input<typeof updateStageSchema>>(),
  (ctx, input) => updateStage(ctx, input),
  pipeline,
);

export const reorderStagesAction = defineAction(
  verbInput<z.input<typeof reorderStagesSchema>>(),
  (ctx, input) => reorderStages(ctx, input),
  pipeline,
);

export const deleteStageAction = defineAction(
  verbInput<z.input<typeof deleteStageSchema>>(),
  (ctx, input) => deleteStage(ctx, input),
  pipeline,
);

export const updateScoringAction = defineAction(
  verbInput<ScoringInput>(),
  (ctx, input) => updateScoring(ctx, input),
  pipeline,
);

export const updateLostReasonsAction = defineAction(
  verbInput<{ reasons: string[] }>(),
  (ctx, input) => updateLostReasons(ctx, input),
  pipeline,
);
