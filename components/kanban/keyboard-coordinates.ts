import type { KeyboardCoordinateGetter } from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";

/**
 * Left/Right jump to the top of the previous/next column in stage order, even one scrolled out
 * of view (the sensor scrolls it in); Up/Down move within a column as dnd-kit's sortable does.
 */
export function columnKeyboardCoordinates(stageIds: () => string[]): KeyboardCoordinateGetter {
  return (event, args) => {
    const step = event.code === "ArrowRight" ? 1 : event.code === "ArrowLeft" ? -1 : 0;
    if (!step) return sortableKeyboardCoordinates(event, args);
    const { active, over, droppableContainers } = args.context;
    const current = (over?.data.current?.stageId ?? active?.data.current?.stageId) as string | undefined;
    const order = stageIds();
    const target = order[order.indexOf(current ?? "") + step];
    const node = target ? droppableContainers.get(`column:${target}`)?.node.current : null;
    event.preventDefault();
    if (!node) return undefined;
    node.scrollIntoView({ block: "nearest", inline: "nearest" });
    const rect = node.getBoundingClientRect();
    return { x: rect.left + 4, y: rect.top + 4 };
  };
}
