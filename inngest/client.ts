import { Inngest } from "inngest";
import { ownApiFetch } from "./local/own-api-fetch";
import { ownApi } from "./own-api";
import { currentTarget } from "./target";

/**
 * The one Inngest client. Which Inngest it talks to (Cloud, a dev server, or Tend's embedded
 * executor) is chosen from the environment when first used (inngest/target.ts, README). The
 * SDK reads these options lazily, so `next build` never generates keys. With the embedded
 * executor, what it posts to it (events, checkpoints) is answered in this process (ownApiFetch).
 */
export const inngest = new Inngest({
  id: "tend",
  get isDev() {
    return currentTarget().kind === "dev" ? true : ownApi.embedded() ? false : undefined;
  },
  get baseUrl() {
    return ownApi.base();
  },
  get eventKey() {
    return ownApi.embedded()?.eventKey;
  },
  get signingKey() {
    return ownApi.embedded()?.signingKey;
  },
  fetch: ownApiFetch(ownApi),
});
