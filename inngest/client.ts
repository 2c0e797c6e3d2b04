import { Inngest } from "inngest";

/**
 * The one Inngest client. Which Inngest it talks to (Cloud, a dev server, or Tend's embedded
 * executor) is chosen from the environment at boot; see the executor issue and the README.
 */
export const inngest = new Inngest({ id: "tend" });
