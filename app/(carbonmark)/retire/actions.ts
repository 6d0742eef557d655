"use server";

import { pinActionClient } from "@/lib/carbonmark/action-client";
import { finishRetirement } from "@/lib/carbonmark/retirements/finish-retirement";
import { retireCredits } from "@/lib/carbonmark/retirements/retire-credits";
import { retirementStage } from "@/lib/carbonmark/retirements/retirement-status";
import { ZFinishRetirement, ZRetireCredits } from "@/lib/carbonmark/retirements/schemas";

export const retireCreditsAction = pinActionClient.inputSchema(ZRetireCredits).action(async ({ ctx, parsedInput }) => {
  const row = await retireCredits({ userId: ctx.user.id, ...parsedInput });
  if (row.status === "failed")
    return { ok: false as const, message: row.lastError ?? "The retirement failed. Nothing was retired." };
  return { ok: true as const, id: row.id, stage: retirementStage(row) };
});

export const finishRetirementAction = pinActionClient
  .inputSchema(ZFinishRetirement)
  .action(async ({ ctx, parsedInput }) => {
    const row = await finishRetirement({ userId: ctx.user.id, ...parsedInput });
    return { id: row.id, stage: retirementStage(row), lastError: row.lastError };
  });
