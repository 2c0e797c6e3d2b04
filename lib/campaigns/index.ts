import "server-only";
/** The campaigns domain's verbs: every one takes ctx first, checks its permission and scopes to ctx.orgId. */
export {
  createCampaign,
  updateCampaign,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  type CampaignRow,
  type CampaignDetail,
} from "./campaigns";
export { scheduleCampaign, pauseCampaign, resumeCampaign, cancelCampaign } from "./control";
export { audienceNumbers, audienceList, AUDIENCE_GROUPS, type AudienceGroup, type AudienceNumbers } from "./audience";
export { campaignProgress, campaignReport, type Progress, type CampaignReport } from "./progress";
export { campaignEarnings, campaignResults, type CampaignResults } from "./results";
export { previewCampaign, sendCampaignTest, audienceSample } from "./preview";
export { EXCLUSION_LABELS, EXCLUSIONS } from "./eligibility";
