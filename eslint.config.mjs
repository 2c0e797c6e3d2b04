import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
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
  {
    // A "use client" file may not import a module marked `import "server-only"` (directly or through
    // its imports): eslint-rules/server-only-boundary.mjs, proven on eslint-rules/fixtures.
    plugins: { tend },
    rules: { "tend/server-only-boundary": "error" },
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
