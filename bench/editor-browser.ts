// npm run bench:editor — the playbook editor on a 150-step playbook (BENCH_NODES), in Chromium against
// the production build (`next start`, built only when .next/BUILD_ID is missing or BENCH_BUILD=1) on the
// embedded PGlite in its own fresh folder (.data/bench-editor). First it runs bench/editor.ts (the pure
// graph operations at 200 steps, `npm run bench:editor-graph`) and folds its line in under `graph`
// (BENCH_SKIP_GRAPH=1 leaves it out).
//
// Set-up: before the server starts, this process opens the folder with the app's own code, seeds the demo
// workspace as the server's first boot would (seedDemoOnce), and — as the demo owner — creates a blank
// playbook and saves a 150-step draft into it (createBlankPlaybook, saveEditorDraft; the graph grown with
// graph-ops' insertAfter as bench/editor.ts does, placed by autoLayout). The browser signs in as the demo
// owner through /login and waits until no background job is queued or running (waitForIdleJobs).
//   open_ms            median of 5 opens of /playbooks/<id>/edit: page.goto until all 150 React Flow nodes
//                      are measured (visible), the nodes are hydrated (React owns them), and a node takes
//                      focus. The server render, the RSC payload, loading JS and hydration are all in it; a
//                      first open before them (open_first_ms) warms the browser cache. open_ms_p95: the
//                      slowest of the 5 (nearest rank).
//   drag_frame_ms_p95  p95 of what a frame costs the page while nodes are dragged with page.mouse (4 drags
//                      of 60 moves): from the frame's start (its requestAnimationFrame timestamp) to the end
//                      of its input, rAF, style, layout and paint (a message posted in the rAF callback).
//                      drag_frame_interval_ms_p95: p95 of the rAF intervals themselves. Headless Chromium
//                      draws at 60 Hz, so an interval is never below 16.7 ms (drag_frame_interval_floor_ms):
//                      16.7 means no dropped frames, 33.3 a dropped one; drag_frames_over_20ms counts them.
//                      drag_move_ms_p95: how long Chromium takes each page.mouse.move during the drags
//                      (16.7 on an empty page: one frame; more means the page handles moves slower than
//                      it draws).
//   autosave_ms_p95    20 edits (a short node drag each, committed on drop), each waited for: the draft
//                      save server action (POST with next-action, a body with the graph) from the request
//                      leaving to the end of its response (Playwright's request timing). The 700 ms
//                      autosave debounce before it is not counted.
//   validate_ms        median of 21 validateDraft runs (with the organisation's templates) on the same graph
//                      in Node, after a warm-up — the code the editor runs on every change.
// Last line JSON: {"nodes","edges","open_ms","open_ms_p95","open_first_ms","drag_frame_ms_p95",
//   "drag_frame_interval_ms_p95","drag_frame_interval_floor_ms","drag_frames","drag_frames_over_20ms","drag_move_ms_p95","autosave_ms_p95","autosave_saves","validate_ms","driver",
//   "graph":{…bench/editor.ts's line, or null},"targets"}. BENCH_PORT (3190), BENCH_VERBOSE=1 echoes the server,
//   BENCH_PROFILE=<file> writes a Chromium CPU profile (.cpuprofile) of the drags.
// Targets: open ≤ 1,500 ms, drag frame ≤ 16 ms, autosave ≤ 150 ms, validate ≤ 20 ms.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import { chromium, type Browser, type Page, type Request, type Response } from "@playwright/test";
import { openDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { findDemoOrgId, seedDemoOnce } from "@/db/seed/demo";
import type { UserCtx } from "@/lib/context";
import { createBlankPlaybook, getEditorState, saveEditorDraft } from "@/lib/playbooks/drafts";
import {
  insertAfter,
  makeNode,
  openOutputs,
  validateDraft,
  type DraftGraph,
  type StarterTemplate,
} from "@/lib/playbooks/editor/graph-ops";
import { autoLayout } from "@/lib/playbooks/editor/layout";
import type { NodeType } from "@/lib/playbooks/graph.schema";
import { systemChromiumPath } from "../scripts/find-browser.mjs";
import { DEMO, DEMO_PASSWORD, signIn } from "../e2e/fixtures";
import { log, p95 } from "./support";

const NODES = Number(process.env.BENCH_NODES ?? 150);
const OPENS = 5;
const DRAGS = 4;
const DRAG_MOVES = 60;
const DRAG_RADIUS = 40;
const EDITS = 20;
const PROFILE = process.env.BENCH_PROFILE;
const TARGETS = { open_ms: 1500, drag_frame_ms_p95: 16, autosave_ms_p95: 150, validate_ms: 20 };
const DATA_DIR = path.resolve(".data/bench-editor");
const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const TYPES: NodeType[] = [
  "wait",
  "send_email",
  "add_tag",
  "create_discount",
  "branch",
  "notify_owner",
  "wait_for_event",
  "update_field",
];

const round = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The graph part (bench/editor.ts) in its own process; its last line, parsed. */
function graphBench(): Record<string, unknown> | null {
  if (process.env.BENCH_SKIP_GRAPH === "1") return null;
  log("graph operations (bench/editor.ts)…");
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "bench/editor.ts"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    // Its own size (200 unless BENCH_GRAPH_NODES): BENCH_NODES sizes the browser playbook here.
    env: { ...process.env, BENCH_NODES: process.env.BENCH_GRAPH_NODES ?? "200" },
  });
  if (r.status !== 0) throw new Error(`bench/editor.ts exited with ${r.status}`);
  const lines = r.stdout.trim().split("\n");
  for (const line of lines.slice(0, -1)) log(line);
  return JSON.parse(lines.at(-1)!) as Record<string, unknown>;
}

function buildIfMissing() {
  if (existsSync(".next/BUILD_ID") && process.env.BENCH_BUILD !== "1") {
    log("using the existing build in .next (BENCH_BUILD=1 rebuilds)");
    return;
  }
  log("next build…");
  // Its output goes to stderr: the last line on stdout stays the JSON.
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build exited with ${r.status}`);
}

/** BENCH_PORT (3190) if free, else any free port. */
async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(port, "127.0.0.1", () => {
        const got = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(got));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0))!;
}

/** The demo workspace and a playbook with a NODES-step draft, through the app's own verbs. */
async function seed(): Promise<{ playbookId: string; graph: DraftGraph; validate: () => void }> {
  rmSync(DATA_DIR, { recursive: true, force: true });
  const handle = await openDatabase({ kind: "pglite", dir: path.join(DATA_DIR, "pglite") });
  try {
    const { db } = handle;
    await seedDemoOnce(db);
    const orgId = (await findDemoOrgId(db))!;
    const [owner] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.email, DEMO.owner.email)));
    if (!owner) throw new Error(`No demo owner ${DEMO.owner.email}`);
    const ctx: UserCtx = { orgId, actor: { kind: "user", id: owner.id, role: "owner" }, db };
    const { id: playbookId } = await createBlankPlaybook(ctx, {
      name: `Bench editor ${NODES} steps`,
      trigger: "crm/tag.added",
      triggerSegmentId: "",
    });
    const state = await getEditorState(ctx, playbookId);
    const first = state.templates[0];
    const starter: StarterTemplate = first
      ? { templateId: first.id, category: first.category, topicKey: first.topicKey }
      : {};
    // Grown like bench/editor.ts: from the open output of the most recently added step that has one.
    let g: DraftGraph = { nodes: [], edges: [] };
    g = { nodes: [makeNode(g, "add_tag")], edges: [] };
    for (let i = 0; g.nodes.length < NODES; i++) {
      const from = [...g.nodes].reverse().find((n) => openOutputs(g, n.id).length)!;
      const handle = openOutputs(g, from.id)[0]!.handle;
      g = insertAfter(g, from.id, handle, makeNode(g, TYPES[i % TYPES.length]!, starter));
    }
    const graph = autoLayout(g);
    await saveEditorDraft(ctx, playbookId, { graph, baseRevision: state.revision });
    const templates = state.templates;
    return { playbookId, graph, validate: () => validateDraft(graph, { templates }) };
  } finally {
    await handle.close();
  }
}

/** `next start` on the bench folder; resolves once /api/health answers 200. */
async function startServer(port: number): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      TEND_DATA_DIR: DATA_DIR,
      PGLITE_DIR: path.join(DATA_DIR, "pglite"),
      DATABASE_URL: "",
      TEND_DEMO: "1",
    },
  });
  // The server's output: kept to show if something fails, echoed with BENCH_VERBOSE=1.
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (process.env.BENCH_VERBOSE === "1") console.error("[server]", line);
    }
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Whatever happens to this process, the server goes with it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM"); // the server closes PGlite and exits
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(killer);
  };
  const started = performance.now();
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.status === 200) break;
      } catch {
        // Not listening yet.
      }
      if (performance.now() - started > 120_000) throw new Error("no 200 from /api/health within 120 s");
      await sleep(100);
    }
  } catch (error) {
    console.error(tail.map((l) => `[server] ${l}`).join("\n"));
    await stop();
    throw error;
  }
  log(`server up on port ${port} in ${Math.round(performance.now() - started)} ms`);
  return { child, stop };
}

/**
 * Waits until the server's background jobs are at rest: no run queued or running on the jobs page,
 * twice in a row 6 s apart (longer than the 5 s a segment refresh settles). A first boot on the
 * freshly seeded demo works through the seed's backlog (some 300 segment-refresh and lead-score runs,
 * about 25 s) on the same thread as the pages; that is not the editor's cost, so it is not measured.
 */
async function waitForIdleJobs(page: Page): Promise<number> {
  const t0 = performance.now();
  const busy = async () => {
    for (const status of ["queued", "running"]) {
      await page.goto(`/jobs?status=${status}`);
      if (!(await page.getByText("No runs match").isVisible())) return true;
    }
    return false;
  };
  for (let quiet = 0; quiet < 2;) {
    if (performance.now() - t0 > 180_000)
      throw new Error("the server's background jobs did not come to rest in 3 minutes");
    quiet = (await busy()) ? 0 : quiet + 1;
    if (quiet < 2) await sleep(quiet ? 6000 : 1000);
  }
  return performance.now() - t0;
}

/** page.goto(url) until the canvas is interactive: every node measured, hydrated, and one focusable. */
async function openEditor(page: Page, url: string): Promise<number> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(
    (n) => {
      const els = document.querySelectorAll<HTMLElement>(".react-flow__node");
      if (els.length < n) return false;
      for (const el of els) if (el.style.visibility === "hidden") return false;
      // React has hydrated the canvas: its nodes carry React's fiber.
      return Object.keys(els[0]!).some((k) => k.startsWith("__reactFiber$"));
    },
    NODES,
    { polling: "raf", timeout: 120_000 },
  );
  const focused = await page.evaluate(() => {
    const el = document.querySelector<HTMLElement>(".react-flow__node");
    el?.focus();
    return !!el && document.activeElement === el;
  });
  const ms = performance.now() - t0;
  if (!focused) throw new Error("a canvas node did not take focus");
  return ms;
}

/** The canvas' zoom-in control, clicked until the zoom reaches `min`; returns the zoom. */
async function zoomIn(page: Page, min: number): Promise<number> {
  const scale = () =>
    page.evaluate(() => {
      const t = document.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform ?? "";
      return Number(/scale\(([\d.]+)\)/.exec(t)?.[1] ?? 1);
    });
  await page.locator(".react-flow").scrollIntoViewIfNeeded();
  for (let i = 0; i < 20 && (await scale()) < min; i++) {
    await page.locator(".react-flow__controls-zoomin").click();
    await sleep(100);
  }
  return scale();
}

/**
 * Nodes whose grab point (the title line, not a handle or "+") lies well inside the canvas, nearest the
 * middle first: a drag from there stays clear of the edges, where React Flow would pan the canvas.
 */
async function grabbableNodes(page: Page): Promise<{ id: string; x: number; y: number }[]> {
  return page.evaluate(
    (margin) => {
      const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
      const cx = pane.left + pane.width / 2;
      const cy = pane.top + pane.height / 2;
      const out: { id: string; x: number; y: number; d: number }[] = [];
      for (const el of document.querySelectorAll<HTMLElement>(".react-flow__node")) {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width * 0.4;
        const y = r.top + Math.min(r.height * 0.3, 16);
        if (x < pane.left + margin || x > pane.right - margin || y < pane.top + margin || y > pane.bottom - margin)
          continue;
        const hit = document.elementFromPoint(x, y);
        if (hit?.closest(".react-flow__node") !== el || hit.closest(".nodrag, .react-flow__handle")) continue;
        out.push({ id: el.dataset.id!, x, y, d: Math.hypot(x - cx, y - cy) });
      }
      return out.sort((a, b) => a.d - b.d).map(({ id, x, y }) => ({ id, x, y }));
    },
    DRAG_RADIUS * 2 + 20,
  );
}

/** The `nth` grabbable node (round the first few); a screenshot in the bench folder when there is none. */
async function pickNode(page: Page, nth: number) {
  const pool = await grabbableNodes(page);
  if (pool.length) return pool[nth % Math.min(pool.length, 5)]!;
  const shot = path.join(DATA_DIR, "no-node-to-drag.png");
  await page.screenshot({ path: shot });
  throw new Error(`no node on the canvas to drag (see ${shot})`);
}

const isSave = (r: Request) =>
  r.method() === "POST" &&
  !!r.headers()["next-action"] &&
  /"baseRevision"/.test(r.postData() ?? "") &&
  /"graph"/.test(r.postData() ?? "");

/**
 * Resolves with the round trip of the next draft save: from the request leaving to the end of its
 * response (Playwright's request timing, relative to the request's start). Next's client cancels an
 * action's response stream once it has read the result, which Chromium reports as net::ERR_ABORTED:
 * with a 200 received and a responseEnd, that is a finished save.
 */
function nextSave(page: Page): Promise<number> {
  const saved = new Promise<number>((resolve, reject) => {
    const statuses = new Map<Request, number>();
    const onRequest = (r: Request) => {
      if (isSave(r)) statuses.set(r, 0);
    };
    const onResponse = (res: Response) => {
      if (statuses.has(res.request())) statuses.set(res.request(), res.status());
    };
    const done = (r: Request) => {
      if (!statuses.has(r)) return;
      page.off("request", onRequest);
      page.off("response", onResponse);
      page.off("requestfinished", done);
      page.off("requestfailed", done);
      clearTimeout(timer);
      const status = statuses.get(r);
      const end = r.timing().responseEnd;
      if (status !== 200 || !(end > 0))
        return reject(new Error(`the draft save failed: status ${status}, ${r.failure()?.errorText ?? "no error"}`));
      resolve(end);
    };
    const timer = setTimeout(() => reject(new Error("no draft save within 30 s")), 30_000);
    page.on("request", onRequest);
    page.on("response", onResponse);
    page.on("requestfinished", done);
    page.on("requestfailed", done);
  });
  saved.catch(() => {}); // awaited by the caller; never an unhandled rejection if the caller failed first
  return saved;
}

/** In the page during a drag: rAF timestamps, and when the pointer went down and up. */
type FrameRecorder = { frames: number[]; work: [number, number][]; down: number; up: number; on: boolean };
// A string, not a function: tsx's name helpers (__name) would be missing in the page.
// A frame's work: from its start (the rAF timestamp; input is handled before rAF callbacks) to a
// message posted in its rAF callback, which runs once the frame's style, layout and paint are done.
// An upper bound: the message also waits behind tasks queued before it (React's scheduler posts its
// work the same way).
const START_RECORDER = `(() => {
  const b = { frames: [], work: [], down: 0, up: 0, on: true };
  window.__bench = b;
  const channel = new MessageChannel();
  const started = [];
  channel.port1.onmessage = () => {
    const t = started.shift();
    b.work.push([t, performance.now() - t]);
  };
  const loop = (t) => {
    b.frames.push(t);
    started.push(t);
    channel.port2.postMessage(0);
    if (b.on) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  addEventListener("pointerdown", () => { b.down = performance.now(); }, { capture: true, once: true });
  addEventListener("pointerup", () => { b.up = performance.now(); }, { capture: true, once: true });
})()`;

/**
 * Presses on `from` and moves the pointer `moves` times round a loop of DRAG_RADIUS px, `perLoop` moves a
 * loop (`turn` -1 goes the other way), then releases: whole loops end where they started.
 */
async function drag(
  page: Page,
  from: { x: number; y: number },
  moves: number,
  perLoop: number,
  turn = 1,
): Promise<number[]> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const took: number[] = [];
  for (let i = 1; i <= moves; i++) {
    const a = (2 * Math.PI * i) / perLoop;
    const t = performance.now();
    await page.mouse.move(from.x + turn * DRAG_RADIUS * Math.sin(a), from.y + (DRAG_RADIUS * (1 - Math.cos(a))) / 2);
    took.push(performance.now() - t);
  }
  await page.mouse.up();
  return took;
}

async function saveStatus(page: Page) {
  return (await page.getByRole("toolbar", { name: "Editor" }).getByRole("status").textContent()) ?? "";
}

async function measureBrowser(browser: Browser, baseURL: string, playbookId: string) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1600, height: 1000 } });
  try {
    const page = await context.newPage();
    await signIn(page, DEMO.owner.email, DEMO_PASSWORD);
    log(`signed in as ${DEMO.owner.email}`);
    log(`background jobs at rest after ${Math.round(await waitForIdleJobs(page))} ms (the demo seed's backlog)`);
    const url = `/playbooks/${playbookId}/edit`;

    // ---- open: one first (cold browser cache), then OPENS measured
    const openFirst = await openEditor(page, url);
    log(`first open ${Math.round(openFirst)} ms`);
    const opens: number[] = [];
    for (let i = 0; i < OPENS; i++) opens.push(await openEditor(page, url));
    log(`opens ${opens.map(Math.round).join(", ")} ms`);
    await sleep(500); // fitView and late effects settle
    // fitView shows the whole tall playbook at the minimum zoom; an owner zooms in to drag steps.
    const zoom = await zoomIn(page, 0.8);
    log(`zoomed in to ${round(zoom)} with the canvas controls`);

    // ---- drag frames: rAF timestamps recorded in the page, kept between pointerdown and pointerup
    const candidates = await grabbableNodes(page);
    log(`${candidates.length} nodes grabbable on screen`);
    const intervals: number[] = [];
    const moveMs: number[] = [];
    const frameWork: number[] = [];
    const profiler = PROFILE ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send("Profiler.enable");
      await profiler.send("Profiler.setSamplingInterval", { interval: 100 });
      await profiler.send("Profiler.start");
    }
    for (let d = 0; d < DRAGS; d++) {
      const target = await pickNode(page, 0);
      await page.evaluate(START_RECORDER);
      const saved = nextSave(page);
      moveMs.push(...(await drag(page, target, DRAG_MOVES, 30)));
      const { frames, work } = await page.evaluate(() => {
        const b = (window as unknown as { __bench: FrameRecorder }).__bench;
        b.on = false;
        return {
          frames: b.frames.filter((t) => t >= b.down && t <= b.up),
          work: b.work.filter(([t]) => t >= b.down && t <= b.up).map(([, ms]) => ms),
        };
      });
      for (let i = 1; i < frames.length; i++) intervals.push(frames[i]! - frames[i - 1]!);
      frameWork.push(...work);
      await saved; // the drop is an edit: let its save land before the next drag
    }
    if (profiler) {
      const { profile } = await profiler.send("Profiler.stop");
      writeFileSync(PROFILE!, JSON.stringify(profile));
      log(`the drags' CPU profile is in ${PROFILE}`);
    }
    log(
      `drag: ${intervals.length} frames, median ${round(median(intervals))} ms, p95 ${round(p95(intervals))} ms, max ${round(Math.max(...intervals))} ms`,
    );
    log(`drag: ${moveMs.length} moves, each taken in median ${round(median(moveMs))} ms, p95 ${round(p95(moveMs))} ms`);
    log(
      `drag: a frame's work (input, rAF, style, layout, paint) median ${round(median(frameWork))} ms, p95 ${round(p95(frameWork))} ms`,
    );

    // ---- autosave: EDITS short drags, each waited for until its save has landed
    const saves: number[] = [];
    for (let e = 0; e < EDITS; e++) {
      const target = await pickNode(page, e);
      const saved = nextSave(page);
      await drag(page, target, 10, 10, e % 2 ? -1 : 1);
      saves.push(await saved);
    }
    // The last save has to be the editor's too: "Draft saved", not a conflict or an error.
    for (let i = 0; i < 50 && !/Draft saved/.test(await saveStatus(page)); i++) await sleep(100);
    const status = await saveStatus(page);
    if (!/Draft saved/.test(status)) throw new Error(`the editor says "${status}" after the edits`);
    log(`autosave: ${saves.map(Math.round).join(", ")} ms`);
    return { openFirst, opens, intervals, frameWork, moveMs, saves };
  } finally {
    await context.close();
  }
}

async function main() {
  const graph = graphBench();
  buildIfMissing();
  log(`seeding ${DATA_DIR} and a ${NODES}-step draft…`);
  const seeded = await seed();
  seeded.validate();
  const validations: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    seeded.validate();
    validations.push(performance.now() - t);
  }
  const port = await freePort(Number(process.env.BENCH_PORT ?? 3190));
  const server = await startServer(port);
  const stopOnSignal = () => void server.stop().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  let browser: Browser | null = null;
  try {
    const executablePath = systemChromiumPath();
    browser = await chromium.launch({
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
    log(`Chromium ${browser.version()}${executablePath ? ` (${executablePath})` : ""}`);
    const m = await measureBrowser(browser, `http://127.0.0.1:${port}`, seeded.playbookId);
    console.log(
      JSON.stringify({
        nodes: seeded.graph.nodes.length,
        edges: seeded.graph.edges.length,
        open_ms: Math.round(median(m.opens)),
        open_ms_p95: Math.round(p95(m.opens)),
        open_first_ms: Math.round(m.openFirst),
        drag_frame_ms_p95: round(p95(m.frameWork)),
        drag_frame_interval_ms_p95: round(p95(m.intervals)),
        drag_frame_interval_floor_ms: 16.7,
        drag_frames: m.intervals.length,
        drag_frames_over_20ms: m.intervals.filter((x) => x > 20).length,
        drag_move_ms_p95: round(p95(m.moveMs)),
        autosave_ms_p95: round(p95(m.saves)),
        autosave_saves: m.saves.length,
        validate_ms: round(median(validations)),
        driver: "pglite",
        graph,
        targets: TARGETS,
      }),
    );
  } finally {
    await browser?.close();
    await server.stop();
    log("server stopped");
  }
}

main().catch((error) => {
  console.error("[bench]", error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
