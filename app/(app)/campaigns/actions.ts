"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import {
  cancelCampaign,
  createCampaign,
  deleteCampaign,
  pauseCampaign,
  resumeCampaign,
  scheduleCampaign,
  sendCampaignTest,
  updateCampaign,
} from "@/lib/campaigns";

const campaignsLayout = [{ path: "/campaigns", layout: true }] as const;

// The campaign's own fields are parsed by the verb with its schema.
export const saveCampaignAction = defineAction(
  z.object({ id: z.uuid().nullable(), campaign: z.unknown() }),
  async (ctx, { id, campaign }) => {
    if (id) {
      await updateCampaign(ctx, id, campaign);
      return { id };
    }
    return createCampaign(ctx, campaign);
  },
  { revalidate: campaignsLayout },
);

export const deleteCampaignAction = defineAction(
  z.object({ id: z.uuid() }),
  async (ctx, { id }) => {
    await deleteCampaign(ctx, id);
    redirect("/campaigns");
  },
  { revalidate: campaignsLayout },
);

export const scheduleCampaignAction = defineAction(
  z.object({ id: z.uuid(), schedule: z.unknown() }),
  async (ctx, { id, schedule }) => {
    await scheduleCampaign(ctx, id, schedule);
    return null;
  },
  { revalidate: campaignsLayout },
);

const control = { pause: pauseCampaign, resume: resumeCampaign, cancel: cancelCampaign } as const;

export const controlCampaignAction = defineAction(
  z.object({ id: z.uuid(), move: z.enum(["pause", "resume", "cancel"]) }),
  async (ctx, { id, move }) => {
    await control[move](ctx, id);
    return null;
  },
  { revalidate: campaignsLayout },
);

export const sendCampaignTestAction = defineAction(
  z.object({ id: z.uuid(), variant: z.string().max(1).optional() }),
  async (ctx, { id, variant }) => {
    const r = await sendCampaignTest(ctx, id, variant);
    return { status: r.status };
  },
  { revalidate: campaignsLayout },
);
