/**
 * The domains that reference segments, each registering its finder with registerSegmentUsage
 * when loaded. Imported wherever segments are deleted, so no finder is missing from a bundle.
 */
import "@/lib/playbooks/segment-usage";
import "@/lib/campaigns/segment-usage";
