import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files relative to its own module URL; bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Customer CSV imports (up to 40 MB) pass through the proxy on their way to the upload route.
  // authInterrupts: pages a role may not open call forbidden() and answer 403 (app/(app)/forbidden.tsx).
  experimental: { proxyClientMaxBodySize: "50mb", authInterrupts: true },
  // The runs console became Background jobs (/jobs); old links keep working.
  // The SDK checkpoints to <origin>/v1/checkpoint/<run>/async; with the embedded executor that is us.
  rewrites: async () => [{ source: "/v1/checkpoint/:runId/async", destination: "/api/executor/checkpoint/:runId" }],
  redirects: async () => [
    { source: "/runs", destination: "/jobs", permanent: true },
    { source: "/runs/:id", destination: "/jobs/:id", permanent: true },
  ],
};

export default nextConfig;
