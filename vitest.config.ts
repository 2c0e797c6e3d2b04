import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

const resolve = {
  alias: [
    { find: /^@\//, replacement: root },
    { find: /^server-only$/, replacement: `${root}tests/support/empty-module.ts` },
  ],
};

// Without DATABASE_URL the integration tests get a fresh in-memory PGlite per test file, never
// the developer's .data folder.
const integrationEnv: Record<string, string> = process.env.DATABASE_URL?.trim() ? {} : { PGLITE_DIR: "memory://" };

// On PostgreSQL each integration test file gets its own database (tests/support/pg-per-file.ts);
// on PGlite each starts from one migrated template (tests/support/pglite-template.ts).
const integrationSetup = {
  globalSetup: ["tests/support/pg-template.ts", "tests/support/pglite-template.ts"],
  setupFiles: ["tests/support/pg-per-file.ts"],
};

const CLOCK_FILES = [
  "tests/integration/playbook-runs.test.ts",
  "tests/integration/playbook-guards.test.ts",
  "tests/integration/playbook-dst.test.ts",
  "tests/integration/playbooks.test.ts",
  "tests/integration/playbook-send.test.ts",
  "tests/integration/campaign-sends.test.ts",
];

// Projects repeat `resolve` instead of `extends: true`, which would load this file once per project.
export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "db/**/*.test.ts", "inngest/**/*.test.ts", "eslint-rules/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: CLOCK_FILES,
          environment: "node",
          pool: "forks",
          // `vitest run` with no --project runs the quick unit tests first.
          sequence: { groupOrder: 1 },
          env: integrationEnv,
          ...integrationSetup,
          // Each file pays a PGlite init + migration (~2 s); two workers keep both cores busy.
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          // Files that move the executor clock far (days, months): on PostgreSQL every file shares
          // one clock row, so they run one at a time, after the other integration files.
          name: "integration-clock",
          include: CLOCK_FILES,
          environment: "node",
          pool: "forks",
          sequence: { groupOrder: 2 },
          env: integrationEnv,
          ...integrationSetup,
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
