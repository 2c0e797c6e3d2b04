import { executorNow } from "@/inngest/clock";

/** The executor's clock (wall time in production; tests and demos move it forward). */
export const runnerNow = (): Date => executorNow();
