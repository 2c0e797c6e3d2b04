/** The provider is busy or down (429, 5xx, network): the same call later will send it once. */
export class RetryableEmailError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "RetryableEmailError";
  }
}
