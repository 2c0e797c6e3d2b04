/** The event shape the SDK receives and sends. */
export type InngestEvent = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: Record<string, unknown>;
};

export type SerializedError = { name?: string; message?: string; stack?: string; [k: string]: unknown };

export const EVENT_LIMIT_BYTES = 512 * 1024;
export const STEP_OUTPUT_LIMIT_BYTES = 4 * 1024 * 1024;
export const FUNCTION_FAILED = "inngest/function.failed";
export const SCHEDULED_TIMER = "inngest/scheduled.timer";

export class IngestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Which tenant (organisation) a run belongs to, decided by the app from the event that started it:
 * the runs console lists a tenant's runs. The executor knows nothing of organisations itself.
 */
export type TenantOf = (event: InngestEvent) => string | null;
