"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { ANALYTICS_VIEWS, analyticsView } from "@/lib/analytics/views";

/** The browser's refetch of an analytics page: the same numbers the server rendered first. */
export const analyticsViewAction = defineAction(
  z.object({ name: z.enum(ANALYTICS_VIEWS), search: z.string().max(2000) }),
  (ctx, { name, search }) => analyticsView(ctx, name, search),
);
