import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import tendFormat from "./eslint-rules/format-only-in-lib-format.mjs";
import tend from "./eslint-rules/server-only-boundary.mjs";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Dates, times and amounts only through lib/format. The files left out do zone arithmetic
  // (wall-clock parts, calendar days), not display.
  {
    files: ["**/*.{ts,tsx,mts}"],
    ignores: [
      "lib/format/**",
      "lib/time-zones.ts",
      "lib/segments/zoned-dates.ts",
      "lib/playbooks/zoned-time.ts",
      "lib/customers/dates.ts",
      "inngest/local/cron.ts",
      "components/providers/format-provider.tsx",
      "eslint-rules/fixtures/**",
      "tests/**",
      "e2e/**",
      "bench/**",
      "**/*.test.ts",
    ],
    plugins: { "tend-format": tendFormat },
    rules: { "tend-format/format-only-in-lib-format": "error" },
  },
  {
    // A "use client" file may not import a module marked `import "server-only"` (directly or through
    // its imports): eslint-rules/server-only-boundary.mjs, proven on eslint-rules/fixtures.
    plugins: { tend },
    rules: { "tend/server-only-boundary": "error" },
  },
  {
    // The executor face (ARCHITECTURE.md): app code uses inngest/admin.ts and inngest/clock.ts, not the executor's internals.
    files: ["lib/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "app/**/*.{ts,tsx}"],
    ignores: ["app/api/executor/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/inngest/local/*", "**/inngest/local/*"],
              message: "Use the executor face: @/inngest/admin (runs) and @/inngest/clock (time).",
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      // Fixtures that must fail the rule (the rule's test lints them with ignore: false).
      "eslint-rules/fixtures/**",
    ],
  },
];

export default config;
