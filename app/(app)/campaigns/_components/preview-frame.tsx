"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * The plain-text part at once; the rendered HTML on request, in a sandboxed frame (no scripts,
 * no same-origin access) — a frame nobody asked for would only weigh on the page.
 */
export function PreviewFrame({ html, text }: { html: string; text: string }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="space-y-2">
      <pre
        className="max-h-64 overflow-auto rounded bg-slate-50 p-3 text-xs break-all whitespace-pre-wrap"
        data-testid="preview-text"
      >
        {text}
      </pre>
      <Button variant="secondary" aria-expanded={shown} onClick={() => setShown((s) => !s)}>
        {shown ? "Hide the rendered email" : "Show the rendered email"}
      </Button>
      {shown ? (
        <iframe
          title="Email preview"
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={html}
          className="h-96 w-full rounded border border-slate-200 bg-white"
        />
      ) : null}
    </div>
  );
}
