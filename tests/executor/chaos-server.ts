// Starts, watches and kills the chaos server processes (chaos-app.ts) for tests/executor/chaos.ts.
// One standby process is always loading its modules in the background; a start hands it "go", so
// a restart after a kill costs the database opening and the sync, not the module loading. The
// app is bundled once per chaos run into one file: loaded through tsx, every start spent about
// five times the CPU time resolving and compiling modules, and there are dozens of starts.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { build } from "esbuild";

export type ChaosServer = {
  /** The app's origin (serve handler and event API) and its control port, fresh at every start. */
  url: string;
  control: string;
  /** SIGKILL, and resolves once the process is gone (at once when it already is). */
  kill: () => Promise<void>;
  /** Why the process ended on its own (a crash the workload must not hide), or null while it lives or was killed. */
  crash: () => Error | null;
};

type Standby = { proc: ChildProcess; ready: Promise<ChaosServer> };

/** Bundles chaos-app.ts and the app code it runs into `dir`; PGlite (WebAssembly and data files beside its code) stays a package. */
async function bundle(dir: string): Promise<string> {
  const outfile = path.join(dir, "chaos-app.cjs");
  await build({
    entryPoints: ["tests/executor/chaos-app.ts"],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile,
    external: ["@electric-sql/pglite", "server-only"],
    // import() becomes require(), which finds the external packages through NODE_PATH.
    supported: { "dynamic-import": false },
    alias: { "@": "." },
    logLevel: "error",
  });
  return outfile;
}

function spawnStandby(script: string, env: NodeJS.ProcessEnv, log: (m: string) => void): Standby {
  const proc = spawn(process.execPath, ["--require", "./scripts/allow-server-only.cjs", script], {
    // Packages left out of the bundle are found in the project's node_modules.
    env: { ...env, NODE_PATH: path.resolve("node_modules") },
    // stdin carries "go"; when this process dies it closes, and the server exits too.
    stdio: ["pipe", "pipe", "pipe"],
  });
  let tail = "";
  let killed = false;
  let crash: Error | null = null;
  proc.stderr!.on("data", (b: Buffer) => {
    const text = b.toString();
    tail = (tail + text).slice(-4_000);
    if (/RuntimeError|Aborted|corrupt/i.test(text)) log(`server: ${text.trim().slice(0, 500)}`);
  });
  const gone = new Promise<void>((resolve) =>
    proc.once("exit", (code, signal) => {
      if (!killed)
        crash = new Error(`the chaos server exited on its own (${code ?? signal}); its last output:\n${tail}`);
      resolve();
    }),
  );
  const ready = new Promise<ChaosServer>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on("line", (line) => {
      if (!line.startsWith("ready ")) return;
      const { url, control } = JSON.parse(line.slice("ready ".length)) as { url: string; control: string };
      resolve({
        url,
        control,
        kill: async () => {
          killed = true;
          if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
          await gone;
        },
        crash: () => crash,
      });
    });
    void gone.then(() => reject(crash ?? new Error("the chaos server was stopped before it was ready")));
  });
  ready.catch(() => {});
  return {
    proc,
    ready,
  };
}

/** `dir`: a folder of this chaos run for the bundle. */
export async function chaosServers(dir: string, env: NodeJS.ProcessEnv, log: (m: string) => void) {
  const script = await bundle(dir);
  let standby: Standby | null = null;
  return {
    /** Starts a server (the previous one must be gone: PGlite allows one process per folder). */
    async start(): Promise<ChaosServer> {
      const next = standby ?? spawnStandby(script, env, log);
      standby = null;
      next.proc.stdin!.write("go\n");
      const server = await next.ready;
      standby = spawnStandby(script, env, log);
      return server;
    },
    close(): void {
      standby?.proc.kill("SIGKILL");
      standby = null;
    },
  };
}
