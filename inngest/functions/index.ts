import type { InngestFunction } from "inngest";

/** Every function served at /api/inngest. Each domain appends its own. */
export const functions: InngestFunction.Any[] = [];
