export const SEGMENT_KINDS = ["dynamic", "static"] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** Groups nest at most this deep (the top group is level 1). */
export const MAX_DEPTH = 5;
export const MAX_CONDITIONS = 50;
export const SAMPLE_SIZE = 20;
