"use client";

import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ReactFlowProvider, useReactFlow, type Connection, type Edge } from "@xyflow/react";
import {
  GraphEditError,
  connect,
  connectedOutputs,
  copyOf,
  deleteNode,
  graphOrder,
  insertAfter,
  insertAtStart,
  insertOnEdge,
  makeNode,
  moveNodes,
  openOutputs,
  outputIsOpen,
  outputsOf,
  updateNode,
  validateDraft,
  NODE_TYPES,
  type DraftGraph,
  type DraftNode,
  type DraftProblems,
  type Output,
} from "@/lib/playbooks/editor/graph-ops";
import { autoLayout } from "@/lib/playbooks/editor/layout";
import {
  canRedo,
  canUndo,
  historyReducer,
  initHistory,
  type History,
  type HistoryAction,
} from "@/lib/playbooks/editor/history";
import type { EditorState } from "@/lib/playbooks/drafts";
import type { NodeType } from "@/lib/playbooks/graph.schema";
import { Button } from "@/components/ui/button";
import { useFormat } from "@/components/providers/format-provider";
import {
  duplicatePlaybookAction,
  loadEditorStateAction,
  publishEditorDraftAction,
  publishPreviewAction,
  saveEditorDraftAction,
} from "../../actions";
import { diffVersions, removedSteps, type VersionDiff } from "@/lib/playbooks/editor/diff";
import { ChangeList } from "./change-list";
import { NODE_META, STRONG, draftSummary } from "./node-meta";
import { NodeForm } from "./node-form";
import { removedElements, type PlusFlowEdge, type StepFlowNode } from "./canvas-parts";
import { EditorCanvas } from "./editor-canvas";

const reduceHistory = (h: History, a: HistoryAction) => historyReducer(h, a);
const AUTOSAVE_MS = 700;

/** Where the next step from the palette goes. */
type Target = { kind: "edge"; edgeId: string } | { kind: "after"; source: string; handle: string | null } | null;
type SaveState =
  { status: "idle"; at: string | null } | { status: "saving" } | { status: "conflict" | "error"; message: string };

const storageKey = (id: string) => `tend:playbook-draft:${id}`;
const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

export function PlaybookEditor({ state }: { state: EditorState }) {
  return (
    <ReactFlowProvider>
      <Editor state={state} />
    </ReactFlowProvider>
  );
}

function Editor({ state }: { state: EditorState }) {
  const playbookId = state.playbook.id;
  const format = useFormat();
  const [history, dispatch] = useReducer(reduceHistory, state.graph, initHistory);
  const graph = history.present;
  const templates = useMemo(() => new Map(state.templates.map((t) => [t.id, t.name])), [state.templates]);
  const first = state.templates[0];
  const starter = useMemo(
    () => (first ? { templateId: first.id, category: first.category, topicKey: first.topicKey } : {}),
    [first],
  );

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [target, setTarget] = useState<Target>(null);
  const [clipboard, setClipboard] = useState<DraftNode | null>(null);
  const [askDelete, setAskDelete] = useState<{ nodeId: string; outputs: Output[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<DraftProblems>({});
  const [save, setSave] = useState<SaveState>({ status: "idle", at: state.draft?.updatedAt ?? null });
  const [savedGraph, setSavedGraph] = useState(graph);
  const [restorable, setRestorable] = useState<DraftGraph | null>(null);
  const revision = useRef(state.revision);
  const saved = useRef(graph);
  const latest = useRef(graph);
  const inFlight = useRef(false);
  const paletteRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  // Where focus goes once the settings panel has rendered: its first field when a step is opened or
  // added (from the keyboard, the panel is otherwise past every step on the canvas), its Apply button
  // again after Apply (the form is redrawn with the applied settings and would drop the focus).
  // A new object per request: the effect below runs for each, even when nothing else changed.
  const [panelFocus, setPanelFocus] = useState<{ to: "first" | "apply" } | null>(null);
  const flow = useReactFlow();
  const router = useRouter();

  useLayoutEffect(() => {
    latest.current = graph;
  }, [graph]);
  const problems = useMemo(() => {
    const local = validateDraft(graph, { templates: state.templates });
    for (const [id, list] of Object.entries(serverProblems))
      if (graph.nodes.some((n) => n.id === id) && !local[id]) local[id] = list;
    return local;
  }, [graph, serverProblems, state.templates]);
  const ordered = useMemo(() => graphOrder(graph), [graph]);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const titleOf = useCallback(
    (id: string) => {
      const n = byId.get(id);
      return n ? n.label || NODE_META[n.type].title : id;
    },
    [byId],
  );

  const commit = useCallback((next: DraftGraph) => {
    setNotice(null);
    dispatch({ type: "commit", graph: next });
  }, []);
  const attempt = useCallback(
    (make: () => DraftGraph) => {
      try {
        commit(make());
        return true;
      } catch (e) {
        if (e instanceof GraphEditError) setNotice(e.message);
        else throw e;
        return false;
      }
    },
    [commit],
  );

  // ---- saving: debounced autosave by revision; a stale revision stops autosave and asks.
  const doSave = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) return false;
    const g = latest.current;
    if (g === saved.current) return true;
    inFlight.current = true;
    setSave({ status: "saving" });
    const r = await saveEditorDraftAction({ playbookId, draft: { graph: g, baseRevision: revision.current } }).catch(
      () => ({ ok: false as const, error: "The server could not be reached; your changes are kept in this browser." }),
    );
    inFlight.current = false;
    if (r.ok) {
      revision.current = r.data.revision;
      saved.current = g;
      setSavedGraph(g);
      if (latest.current === g) window.localStorage.removeItem(storageKey(playbookId));
      setSave({ status: "idle", at: r.data.savedAt });
      return true;
    }
    const conflict = /changed meanwhile/.test(r.error);
    setSave({ status: conflict ? "conflict" : "error", message: r.error });
    return false;
  }, [playbookId]);

  useEffect(() => {
    if (graph === saved.current) return;
    // A local copy survives a crash or a closed tab even before the server has it.
    window.localStorage.setItem(
      storageKey(playbookId),
      JSON.stringify({ baseRevision: revision.current, graph, at: new Date().toISOString() }),
    );
    if (save.status === "conflict" || save.status === "error") return; // "Save draft" retries
    // Saves in flight are not interrupted: the next tick saves what changed meanwhile.
    const t = window.setInterval(() => void doSave().then((ok) => ok && window.clearInterval(t)), AUTOSAVE_MS);
    return () => window.clearInterval(t);
  }, [graph, doSave, playbookId, save.status]);

  useEffect(() => {
    // A copy left in this browser for the same revision the server has is offered back.
    const raw = window.localStorage.getItem(storageKey(playbookId));
    if (!raw) return;
    try {
      const local = JSON.parse(raw) as { baseRevision: number; graph: DraftGraph };
      if (local.baseRevision === state.revision && JSON.stringify(local.graph) !== JSON.stringify(state.graph))
        // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser, after hydration
        setRestorable(local.graph);
      else window.localStorage.removeItem(storageKey(playbookId));
    } catch {
      window.localStorage.removeItem(storageKey(playbookId));
    }
  }, [playbookId, state.revision, state.graph]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (latest.current !== saved.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const loadLatest = async () => {
    const r = await loadEditorStateAction({ playbookId });
    if (!r.ok) return setSave({ status: "error", message: r.error });
    revision.current = r.data.revision;
    saved.current = r.data.graph;
    setSavedGraph(r.data.graph);
    dispatch({ type: "reset", graph: r.data.graph });
    setSave({ status: "idle", at: r.data.draft?.updatedAt ?? null });
    setNotice(`Loaded the latest draft${r.data.draft?.author ? ` by ${r.data.draft.author}` : ""}.`);
  };
  // Someone else's draft stays as it is; these steps become a new playbook ("Copy of …"), opened in the editor.
  const keepAsCopy = async () => {
    const r = await duplicatePlaybookAction({ playbookId, graph: latest.current });
    if (!r.ok) return setSave({ status: "error", message: r.error });
    window.localStorage.removeItem(storageKey(playbookId));
    saved.current = latest.current;
    router.push(`/playbooks/${r.data.id}/edit`);
  };
  const keepMine = async () => {
    const r = await loadEditorStateAction({ playbookId });
    if (!r.ok) return setSave({ status: "error", message: r.error });
    revision.current = r.data.revision;
    setSave({ status: "idle", at: null });
    await doSave();
  };

  // ---- publishing: check, save, then show what changes against the live version before confirming
  const [publishing, setPublishing] = useState(false);
  const [review, setReview] = useState<{
    live: { number: number; graph: DraftGraph } | null;
    runsInFlight: number;
  } | null>(null);
  // Recomputed as the owner edits with the review open: the highlights always match the canvas.
  const reviewDiff = useMemo<VersionDiff | null>(
    () => (review ? diffVersions(review.live?.graph ?? null, graph) : null),
    [review, graph],
  );
  const publish = async () => {
    setNotice(null);
    const local = validateDraft(graph, { templates: state.templates });
    const count = Object.values(local).reduce((a, l) => a + l.length, 0);
    if (count) {
      const first = ordered.find((n) => local[n.id]);
      if (first) {
        select(first.id, true);
        focusNode(first.id);
      }
      setNotice(
        `Publishing is blocked: ${count} ${count === 1 ? "problem" : "problems"} to fix (marked on the steps).`,
      );
      return;
    }
    setPublishing(true);
    if (!(await doSave())) return setPublishing(false);
    const p = await publishPreviewAction({ playbookId });
    setPublishing(false);
    if (!p.ok) return setNotice(p.error);
    setReview(p.data);
  };
  // The review takes the focus once drawn (a frame after setReview was too soon: the heading was not there yet).
  useEffect(() => {
    const heading = review ? document.getElementById("publish-review-h") : null;
    heading?.focus({ preventScroll: true });
    heading?.scrollIntoView({ block: "nearest" });
  }, [review]);
  const confirmPublish = async () => {
    setPublishing(true);
    if (!(await doSave())) return setPublishing(false);
    const r = await publishEditorDraftAction({ playbookId, baseRevision: revision.current });
    setPublishing(false);
    setReview(null);
    if (r.ok) {
      revision.current = 0; // the draft is now a version; the next edit starts a new draft
      setServerProblems({});
      setNotice(`Published as version ${r.data.number}. Runs under way finish on the version they started with.`);
      return;
    }
    const byNode: DraftProblems = {};
    for (const [k, message] of Object.entries(r.fieldErrors ?? {}))
      if (k.startsWith("node:")) byNode[k.slice(5)] = [{ field: "", message }];
    setServerProblems(byNode);
    setNotice(r.error);
  };

  // ---- selection, insertion and deletion
  const select = useCallback(
    (id: string | null, open = false) => {
      setSelectedId(id);
      if (open) setPanelOpen(!!id);
      if (id) {
        const n = byId.get(id);
        if (n) void flow.setCenter(n.position.x + 130, n.position.y + 38, { duration: 0, zoom: flow.getZoom() });
      }
    },
    [byId, flow],
  );
  useEffect(() => {
    // A request comes with the panel opened in the same render; with the panel closed there is no form.
    const form = panelRef.current?.querySelector("form");
    if (!panelFocus || !form) return;
    // Without scrolling the page under the pointer: Apply was just pressed where it is, and the new
    // panel is only brought into view when it is not (a scroll mid-click sent the next click astray).
    if (panelFocus.to === "apply")
      return form.querySelector<HTMLElement>('button[type="submit"]')?.focus({ preventScroll: true });
    const first = form.querySelector<HTMLElement>("input, select, textarea");
    first?.focus({ preventScroll: true });
    first?.scrollIntoView({ block: "nearest" });
  }, [panelFocus]);
  const focusNode = (id: string) =>
    window.requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus(),
    );

  const chooseTarget = (t: Target) => {
    setTarget(t);
    window.requestAnimationFrame(() => paletteRef.current?.querySelector("button")?.focus());
  };
  const addAfterCb = useCallback(
    (source: string, handle: string | null) => chooseTarget({ kind: "after", source, handle }),
    [],
  );
  const insertOnEdgeCb = useCallback((edgeId: string) => chooseTarget({ kind: "edge", edgeId }), []);

  const add = (type: NodeType, at?: { target: Target; position: { x: number; y: number } }) => {
    const node = { ...makeNode(graph, type, starter), ...(at ? { position: at.position } : {}) };
    let t = at?.target ?? target;
    if (!t && selectedId) {
      const first = outputsOf(byId.get(selectedId)!)[0];
      if (first) t = { kind: "after", source: selectedId, handle: first.handle };
    }
    if (!t) {
      const tail = [...ordered].reverse().find((n) => openOutputs(graph, n.id).length);
      if (tail) t = { kind: "after", source: tail.id, handle: openOutputs(graph, tail.id)[0]!.handle };
    }
    const ok = attempt(() => {
      const next = !t
        ? insertAtStart(graph, node)
        : t.kind === "edge"
          ? insertOnEdge(graph, t.edgeId, node)
          : insertAfter(graph, t.source, t.handle, node);
      // A step added with "+" or the palette is placed by the layout (in the same undo step); a dropped one stays put.
      return at && !at.target ? next : autoLayout(next);
    });
    if (ok) {
      setTarget(null);
      setSelectedId(node.id);
      setPanelOpen(true);
      setPanelFocus({ to: "first" });
    }
  };

  const requestDelete = (id: string) => {
    const outs = connectedOutputs(graph, id);
    if (outs.length > 1) return setAskDelete({ nodeId: id, outputs: outs });
    const next =
      ordered[ordered.findIndex((n) => n.id === id) + 1] ?? ordered[ordered.findIndex((n) => n.id === id) - 1];
    if (attempt(() => deleteNode(graph, id))) {
      setSelectedId(null);
      setPanelOpen(false);
      if (next && next.id !== id) focusNode(next.id);
    }
  };
  const confirmDelete = (keep: string | null) => {
    if (!askDelete) return;
    if (attempt(() => deleteNode(graph, askDelete.nodeId, keep))) {
      setSelectedId(null);
      setPanelOpen(false);
    }
    setAskDelete(null);
  };

  // ---- keyboard: undo/redo anywhere but in a text box; Enter/Delete/A on a focused node
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === "z" && !e.shiftKey) {
        e.preventDefault();
        dispatch({ type: "undo" });
      } else if ((k === "z" && e.shiftKey) || k === "y") {
        e.preventDefault();
        dispatch({ type: "redo" });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const addAt = (t: Target, from: DraftNode) => {
    const node = copyOf(graph, from);
    if (t?.kind === "after" && attempt(() => autoLayout(insertAfter(graph, t.source, t.handle, node)))) {
      setTarget(null);
      setSelectedId(node.id);
      setPanelOpen(true);
      setPanelFocus({ to: "first" });
    }
  };

  // A palette step dropped on a step goes after it, on a connection into it, elsewhere where "+" would put it.
  const onDrop = (e: React.DragEvent) => {
    const type = e.dataTransfer.getData("application/x-tend-step") as NodeType;
    if (!NODE_TYPES.includes(type)) return;
    e.preventDefault();
    const hits = document.elementsFromPoint(e.clientX, e.clientY);
    const nodeId = hits.map((h) => h.closest<HTMLElement>(".react-flow__node")?.dataset.id).find(Boolean);
    const edgeId = hits.map((h) => h.closest<HTMLElement>(".react-flow__edge")?.dataset.id).find(Boolean);
    const first = nodeId ? outputsOf(byId.get(nodeId)!)[0] : undefined;
    const dropTarget: Target = first
      ? { kind: "after", source: nodeId!, handle: first.handle }
      : edgeId
        ? { kind: "edge", edgeId }
        : null;
    add(type, { target: dropTarget, position: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
  };

  const onCanvasKey = (e: React.KeyboardEvent) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>(".react-flow__node");
    const id = el?.dataset.id;
    if (!id || e.target !== el) return;
    if (e.key === "Enter") {
      e.preventDefault();
      setPanelFocus({ to: "first" });
      select(id, true);
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      requestDelete(id);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "c") {
      e.preventDefault();
      setClipboard(byId.get(id) ?? null);
      setNotice(`Copied ${titleOf(id)}. Ctrl/⌘+V on a step pastes it after that step.`);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "v" && clipboard) {
      e.preventDefault();
      const out = outputsOf(byId.get(id)!)[0];
      if (out) {
        addAt({ kind: "after", source: id, handle: out.handle }, clipboard);
      }
    } else if (e.key === "a" || e.key === "+") {
      e.preventDefault();
      setSelectedId(id);
      const out = outputsOf(byId.get(id)!)[0];
      if (out) chooseTarget({ kind: "after", source: id, handle: out.handle });
    }
  };

  // ---- React Flow nodes (a drag's positions stay in the canvas until it ends, then one undo step)
  const stepNodes = useMemo(
    (): StepFlowNode[] =>
      ordered.map((n) => ({
        id: n.id,
        type: "step" as const,
        position: n.position,
        selected: n.id === selectedId,
        ariaLabel: `${n.label || NODE_META[n.type].title}: ${draftSummary(n, templates) || "not set up yet"}${problems[n.id] ? ` (${problems[n.id]!.length === 1 ? "1 problem" : `${problems[n.id]!.length} problems`})` : ""}`,
        data: {
          node: n,
          summary: draftSummary(n, templates),
          problems: problems[n.id] ?? [],
          outputs: outputsOf(n).map((o) => ({ ...o, open: outputIsOpen(graph, n.id, o.handle) })),
          onAddAfter: addAfterCb,
          mark: reviewDiff?.marks[n.id],
        },
      })),
    [ordered, selectedId, problems, templates, graph, addAfterCb, reviewDiff],
  );
  // Reviewing a publish: the live version's steps this draft removes, drawn where they were.
  const removed = useMemo(
    () =>
      review?.live
        ? removedElements(removedSteps(review.live.graph, graph), graph.nodes, (n) => draftSummary(n, templates))
        : null,
    [review, graph, templates],
  );
  const canvasNodes = useMemo(() => (removed ? [...stepNodes, ...removed.nodes] : stepNodes), [stepNodes, removed]);
  const rfEdges = useMemo<PlusFlowEdge[]>(
    () =>
      graph.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: e.sourceHandle,
        type: "plus",
        data: { from: titleOf(e.source), to: titleOf(e.target), onInsert: insertOnEdgeCb },
      })),
    [graph.edges, titleOf, insertOnEdgeCb],
  );
  const canvasEdges = useMemo(
    (): (PlusFlowEdge | Edge)[] => (removed ? [...rfEdges, ...removed.edges] : rfEdges),
    [rfEdges, removed],
  );
  // A drag is one undo step, committed where it ends.
  const onMoved = (positions: Record<string, { x: number; y: number }>) => commit(moveNodes(graph, positions));
  const onConnect = (c: Connection) => attempt(() => connect(graph, c.source, c.sourceHandle ?? null, c.target));
  const isValidConnection = (c: { source: string; sourceHandle?: string | null; target: string }) =>
    c.source !== c.target && outputIsOpen(graph, c.source, c.sourceHandle ?? null);

  const selected = selectedId ? byId.get(selectedId) : undefined;
  const totalProblems = Object.values(problems).reduce((a, l) => a + l.length, 0);
  const targetText =
    target?.kind === "edge"
      ? (() => {
          const e = graph.edges.find((x) => x.id === target.edgeId);
          return e ? `between ${titleOf(e.source)} and ${titleOf(e.target)}` : "";
        })()
      : target?.kind === "after"
        ? `after ${titleOf(target.source)}${target.handle ? ` (${outputsOf(byId.get(target.source)!).find((o) => o.handle === target.handle)?.label ?? target.handle})` : ""}`
        : selected
          ? `after ${titleOf(selected.id)}`
          : "at the end";

  const saveText =
    "message" in save
      ? save.message
      : save.status === "saving"
        ? "Saving…"
        : graph !== savedGraph
          ? "Unsaved changes…"
          : save.at
            ? `Draft saved ${format.dateTime(new Date(save.at))}`
            : "No changes yet";

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Editor">
        <Button variant="secondary" onClick={() => dispatch({ type: "undo" })} disabled={!canUndo(history)}>
          Undo
        </Button>
        <Button variant="secondary" onClick={() => dispatch({ type: "redo" })} disabled={!canRedo(history)}>
          Redo
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            commit(autoLayout(graph));
            window.requestAnimationFrame(() => void flow.fitView({ duration: 0 }));
          }}
        >
          Auto-layout
        </Button>
        <Button variant="secondary" onClick={() => void doSave()} disabled={save.status === "saving"}>
          Save draft
        </Button>
        <button type="button" className={STRONG} onClick={() => void publish()} disabled={publishing}>
          Publish
        </button>
        <Button
          variant="secondary"
          onClick={() => void doSave().then((ok) => ok && router.push(`/playbooks/${playbookId}/simulate?draft=1`))}
        >
          Simulate draft
        </Button>
        <span
          role="status"
          className={`text-sm ${save.status === "conflict" || save.status === "error" ? "text-red-700" : "text-slate-600"}`}
        >
          {saveText}
        </span>
        <span className="ml-auto text-sm text-slate-600">
          {totalProblems ? `${totalProblems} to fix before publishing` : "Ready to publish"}
          {state.playbook.liveNumber ? ` · live: version ${state.playbook.liveNumber}` : " · not published yet"}
        </span>
      </div>
      {save.status === "conflict" ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
        >
          <span>{"message" in save ? save.message : null}</span>
          <Button variant="secondary" onClick={() => void loadLatest()}>
            Load the latest draft
          </Button>
          <Button variant="secondary" onClick={() => void keepAsCopy()}>
            Keep mine as a copy
          </Button>
          <Button variant="danger" onClick={() => void keepMine()}>
            Save mine over it
          </Button>
        </div>
      ) : null}
      {restorable ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-2 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm"
        >
          <span>This browser kept changes that were not saved.</span>
          <Button
            variant="secondary"
            onClick={() => {
              commit(restorable);
              setRestorable(null);
            }}
          >
            Restore them
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              window.localStorage.removeItem(storageKey(playbookId));
              setRestorable(null);
            }}
          >
            Discard
          </Button>
        </div>
      ) : null}
      {notice ? (
        <p role="alert" className="rounded-md border border-slate-200 bg-slate-50 p-2 text-sm text-slate-800">
          {notice}
        </p>
      ) : null}
      {review && reviewDiff ? (
        <section
          role="dialog"
          aria-labelledby="publish-review-h"
          className="space-y-2 rounded-md border border-brand-600 bg-white p-3 text-sm"
          onKeyDown={(e) => {
            if (e.key === "Escape" && !publishing) setReview(null);
          }}
        >
          <h2 id="publish-review-h" tabIndex={-1} className="font-semibold text-slate-900">
            {review.live ? `Publish these changes to version ${review.live.number}?` : "Publish the first version?"}
          </h2>
          <p>
            {review.live
              ? review.runsInFlight
                ? `${review.runsInFlight} ${review.runsInFlight === 1 ? "run" : "runs"} will finish on version ${review.live.number}; new runs start on the new version.`
                : `No runs are under way on version ${review.live.number}; new runs start on the new version.`
              : "New runs start on it once the playbook is active."}{" "}
            New and changed steps are highlighted on the canvas; removed ones are drawn dashed where they were.
          </p>
          <ChangeList diff={reviewDiff} before={review.live?.graph ?? null} after={graph} templates={state.templates} />
          <div className="flex flex-wrap gap-2">
            <button type="button" className={STRONG} onClick={() => void confirmPublish()} disabled={publishing}>
              {publishing ? "Publishing…" : "Confirm and publish"}
            </button>
            <Button variant="secondary" onClick={() => setReview(null)} disabled={publishing}>
              Not now
            </Button>
          </div>
        </section>
      ) : null}
      {problems[""] ? (
        <ul className="text-sm text-red-700">
          {problems[""].map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
      ) : null}

      <div className="grid gap-3 lg:grid-cols-[220px_minmax(0,1fr)_320px]">
        <div className="space-y-4">
          <section aria-labelledby="palette-h" ref={paletteRef}>
            <h2 id="palette-h" className="text-sm font-semibold text-slate-900">
              Add a step <span className="font-normal text-slate-600">{targetText}</span>
            </h2>
            <ul className="mt-2 grid grid-cols-1 gap-1">
              {NODE_TYPES.map((t) => (
                <li key={t}>
                  <button
                    type="button"
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData("application/x-tend-step", t);
                      e.dataTransfer.effectAllowed = "copy";
                    }}
                    onClick={() => add(t)}
                    className="flex w-full items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1.5 text-left text-sm hover:border-brand-600"
                    title={NODE_META[t].hint}
                  >
                    <span aria-hidden="true">{NODE_META[t].icon}</span>
                    {NODE_META[t].title}
                  </button>
                </li>
              ))}
            </ul>
            {target ? (
              <button
                type="button"
                className="mt-1 text-xs text-brand-700 hover:underline"
                onClick={() => setTarget(null)}
              >
                Cancel
              </button>
            ) : null}
          </section>
          <Outline
            ordered={ordered}
            graph={graph}
            problems={problems}
            selectedId={selectedId}
            titleOf={titleOf}
            templates={templates}
            onOpen={(id) => {
              setPanelFocus({ to: "first" });
              select(id, true);
            }}
            onAddAfter={(id, handle) => chooseTarget({ kind: "after", source: id, handle })}
            onDelete={requestDelete}
          />
        </div>

        <div
          className="h-[640px] rounded-lg border border-slate-200 bg-slate-50"
          onKeyDown={onCanvasKey}
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes("application/x-tend-step")) e.preventDefault();
          }}
          onDrop={onDrop}
        >
          <EditorCanvas
            nodes={canvasNodes}
            edges={canvasEdges}
            onSelect={setSelectedId}
            onOpen={(id) => {
              setSelectedId(id);
              setPanelOpen(true);
            }}
            onMoved={onMoved}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
          />
        </div>

        <aside ref={panelRef} aria-label="Step settings" className="rounded-lg border border-slate-200 bg-white p-3">
          {selected && panelOpen ? (
            <>
              <h2 className="mb-2 text-sm font-semibold text-slate-900">
                {NODE_META[selected.type].title} <span className="font-normal text-slate-500">· {selected.id}</span>
              </h2>
              {problems[selected.id] ? (
                <ul className="mb-2 list-disc pl-5 text-xs text-red-700">
                  {problems[selected.id]!.map((p) => (
                    <li key={p.field + p.message}>{p.message}</li>
                  ))}
                </ul>
              ) : null}
              <NodeForm
                key={`${selected.id}:${JSON.stringify(selected.config)}`}
                node={selected}
                templates={state.templates}
                topics={state.topics}
                fields={state.fields}
                onApply={(v) => {
                  setPanelFocus({ to: "apply" });
                  attempt(() => updateNode(graph, selected.id, v));
                }}
                onClose={() => {
                  setPanelOpen(false);
                  focusNode(selected.id);
                }}
              />
              <Button variant="danger" className="mt-3" onClick={() => requestDelete(selected.id)}>
                Delete step
              </Button>
            </>
          ) : (
            <p className="text-sm text-slate-600">
              Select a step to change its settings. On the canvas: Tab moves between steps, Enter opens one, Delete
              removes it, A adds a step after it, Ctrl/⌘+C and Ctrl/⌘+V copy and paste it; Ctrl/⌘+Z undoes,
              Shift+Ctrl/⌘+Z redoes.
            </p>
          )}
        </aside>
      </div>

      {askDelete ? (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby="del-h"
          className="fixed inset-0 z-50 grid place-items-center bg-black/30"
        >
          <div className="w-full max-w-sm space-y-3 rounded-lg bg-white p-4 shadow-lg">
            <h2 id="del-h" className="font-semibold">
              Delete {titleOf(askDelete.nodeId)}: which path stays?
            </h2>
            <p className="text-sm text-slate-600">The steps only on the other path are deleted with it.</p>
            <div className="flex flex-wrap gap-2">
              {askDelete.outputs.map((o, i) => (
                <Button key={o.handle ?? "next"} autoFocus={i === 0} onClick={() => confirmDelete(o.handle)}>
                  Keep {o.label}
                </Button>
              ))}
              <Button variant="secondary" onClick={() => setAskDelete(null)}>
                Cancel
              </Button>
            </div>
          </div>
        </div>
      ) : null}
      <p className="text-sm">
        <Link
          href={`/playbooks/${playbookId}`}
          className="text-brand-700 hover:underline"
          onClick={(e) => {
            if (latest.current !== saved.current && !window.confirm("Leave with changes not saved yet?"))
              e.preventDefault();
          }}
        >
          ← Back to the playbook
        </Link>
      </p>
    </div>
  );
}

/** The same graph as a list in graph order: what a screen reader uses, and a keyboard path for every edit. */
function Outline({
  ordered,
  graph,
  problems,
  selectedId,
  titleOf,
  templates,
  onOpen,
  onAddAfter,
  onDelete,
}: {
  ordered: DraftNode[];
  graph: DraftGraph;
  problems: DraftProblems;
  selectedId: string | null;
  titleOf: (id: string) => string;
  templates: Map<string, string>;
  onOpen: (id: string) => void;
  onAddAfter: (id: string, handle: string | null) => void;
  onDelete: (id: string) => void;
}) {
  return (
    <nav aria-labelledby="outline-h">
      <h2 id="outline-h" className="text-sm font-semibold text-slate-900">
        Outline
      </h2>
      <ol className="mt-2 space-y-1 text-sm">
        {ordered.map((n, i) => {
          const into = graph.edges.find((e) => e.target === n.id);
          const via = into
            ? `after ${titleOf(into.source)}${into.sourceHandle ? ` (${outputsOf(graph.nodes.find((x) => x.id === into.source)!).find((o) => o.handle === into.sourceHandle)?.label})` : ""}`
            : i === 0
              ? "first step"
              : "not connected";
          const title = n.label || NODE_META[n.type].title;
          return (
            <li
              key={n.id}
              className={`rounded-md border p-1.5 ${n.id === selectedId ? "border-brand-600 bg-brand-50" : "border-slate-200 bg-white"}`}
            >
              <button
                type="button"
                className="w-full text-left"
                aria-current={n.id === selectedId ? "true" : undefined}
                onClick={() => onOpen(n.id)}
              >
                <span className="font-medium">
                  {i + 1}. {title}
                </span>
                {problems[n.id] ? (
                  <span className="ml-1 rounded-full bg-red-100 px-1.5 text-xs text-red-800">
                    {problems[n.id]!.length} to fix
                  </span>
                ) : null}
                <span className="block truncate text-xs text-slate-600">
                  {draftSummary(n, templates) || "not set up yet"} · {via}
                </span>
              </button>
              <div className="mt-1 flex flex-wrap gap-x-2 text-xs">
                {outputsOf(n).map((o) => (
                  <button
                    key={o.handle ?? "next"}
                    type="button"
                    className="text-brand-700 hover:underline"
                    aria-label={`Add a step after ${i + 1}. ${title}${o.handle ? ` (${o.label})` : ""}`}
                    onClick={() => onAddAfter(n.id, o.handle)}
                  >
                    + after{o.handle ? ` ${o.label}` : ""}
                  </button>
                ))}
                <button
                  type="button"
                  className="text-red-700 hover:underline"
                  aria-label={`Delete ${i + 1}. ${title}`}
                  onClick={() => onDelete(n.id)}
                >
                  Delete
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
