"use server";

import type { z } from "zod";
import { defineAction, verbInput } from "@/lib/actions/define-action";
import type { AddTeammateInput, changeRoleSchema, setActiveSchema } from "@/lib/team/team.schema";
import { addTeammate, changeRole, setTeammateActive } from "@/lib/team/team";

const team = { revalidate: ["/settings/team"] };

export const addTeammateAction = defineAction(
  verbInput<AddTeammateInput>(),
  (ctx, input) => addTeammate(ctx, input),
  team,
);

export const changeRoleAction = defineAction(
  verbInput<z.input<typeof changeRoleSchema>>(),
  (ctx, input) => changeRole(ctx, input),
  team,
);

export const setTeammateActiveAction = defineAction(
  verbInput<z.input<typeof setActiveSchema>>(),
  (ctx, input) => setTeammateActive(ctx, input),
  team,
);
