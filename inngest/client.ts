import { Inngest } from "inngest";
import { currentTarget } from "./target";

const embedded = () => {
  const t = currentTarget();
  return t.kind === "embedded" ? t : undefined;
};

/**
 * The one Inngest client. Which Inngest it talks to (Cloud, a dev server, or Tend's embedded
 * executor) is chosen from the environment when first used (inngest/target.ts, README). The
 * SDK reads these options lazily, so `next build` never generates keys.
 */
export const inngest = new Inngest({
  id: "tend",
  get isDev() {
    return currentTarget().kind === "dev" ? true : embedded() ? false : undefined;
  },
  get baseUrl() {
    // The trailing slash matters: the SDK posts events to new URL("e/<key>", base).
    const t = embedded();
    return t ? `${t.internalUrl}/api/executor/` : undefined;
  },
  get eventKey() {
    return embedded()?.eventKey;
  },
  get signingKey() {
    return embedded()?.signingKey;
  },
});
