export function systemChromiumPath(env?: NodeJS.ProcessEnv): string | undefined;
export function findBrowser(
  env?: NodeJS.ProcessEnv,
): Promise<{ executablePath?: string; missing?: true; reason?: string }>;
