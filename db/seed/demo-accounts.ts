// The demo workspace's accounts, with no imports: the seed and the end-to-end suite share them.
export const DEMO_PASSWORD = "tend-demo";
export const DEMO_USERS = [
  { email: "owner@tend.test", name: "Olivia Owner", role: "owner" },
  { email: "rep@tend.test", name: "Riley Rep", role: "rep" },
  { email: "staff@tend.test", name: "Sam Staff", role: "staff" },
] as const;

export type DemoRole = (typeof DEMO_USERS)[number]["role"];

/**
 * The users of a copy of the demo workspace: copy 0 is Demo Co itself; copy n signs in as
 * owner-n@tend.test and so on (parallel end-to-end workers each get a copy, TEND_DEMO_COPIES).
 */
export function demoUsers(copy = 0) {
  return DEMO_USERS.map((u) => ({ ...u, email: copy ? u.email.replace("@", `-${copy}@`) : u.email }));
}
