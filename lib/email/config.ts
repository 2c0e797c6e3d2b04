/** Email settings, read from the environment each time so tests can switch them. */
export function emailConfig(env: NodeJS.ProcessEnv = process.env) {
  const apiKey = env.RESEND_API_KEY?.trim() || null;
  const rate = Number(env.RESEND_RATE_LIMIT ?? 5);
  return {
    mode: apiKey ? ("resend" as const) : ("local" as const),
    apiKey,
    baseUrl: env.RESEND_BASE_URL?.trim() || undefined,
    from: env.EMAIL_FROM?.trim() || "Tend <no-reply@tend.local>",
    rateLimit: Number.isFinite(rate) && rate > 0 ? rate : 5,
    webhookSecret: env.RESEND_WEBHOOK_SECRET?.trim() || null,
    appUrl: appUrl(env),
  };
}

/** The public base URL for links in emails (unsubscribe, tracking). */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.APP_URL?.trim() || env.AUTH_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  return `http://localhost:${env.PORT?.trim() || "3000"}`;
}
