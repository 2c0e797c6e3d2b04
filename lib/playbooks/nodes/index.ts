import type { NodeType } from "../graph.schema";
import type { NodeExecutor } from "../runner/types";
import { runBranch } from "./branch";
import { runCreateDiscount } from "./create-discount";
import { runCreateTask } from "./create-task";
import { runExit } from "./exit";
import { runNotifyOwner } from "./notify-owner";
import { runSendEmail } from "./send-email";
import { runAddTag, runRemoveTag } from "./tags";
import { runUpdateField } from "./update-field";
import { runWait } from "./wait";
import { runWaitForEvent } from "./wait-for-event";
import { runWaitUntil } from "./wait-until";
import { runWebhook } from "./webhook";

export const NODE_EXECUTORS: { [T in NodeType]: NodeExecutor<T> } = {
  send_email: runSendEmail,
  wait: runWait,
  wait_until: runWaitUntil,
  branch: runBranch,
  wait_for_event: runWaitForEvent,
  add_tag: runAddTag,
  remove_tag: runRemoveTag,
  update_field: runUpdateField,
  create_discount: runCreateDiscount,
  notify_owner: runNotifyOwner,
  create_task: runCreateTask,
  webhook: runWebhook,
  exit: runExit,
};
