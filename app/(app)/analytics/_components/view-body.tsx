import type { ReactNode } from "react";

/** The numbers of a page, dimmed and marked busy while they still belong to the previous range. */
export function ViewBody({ stale, children }: { stale: boolean; children: ReactNode }) {
  return (
    <div aria-busy={stale || undefined} className={stale ? "opacity-60 transition-opacity" : "transition-opacity"}>
      {children}
    </div>
  );
}
