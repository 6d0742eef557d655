import { headers } from "next/headers";
import { attemptBudget, createActionClients } from "@/lib/actions/action-clients";
import { CmUserError } from "@/lib/carbonmark/errors";
import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { pinChecks } from "@/lib/carbonmark/auth/rate-limits";
import { IcrNotConnectedError } from "@/lib/icr/token-store";
import { IcrApiError } from "@/lib/icr/errors";
import { clientIpFrom } from "@/lib/security/client-ip";

// Carbonmark's action clients, one per trust level (lib/actions/action-clients.ts).
export const { publicAction: publicActionClient, signedInAction: authedActionClient } = createActionClients({
  side: "carbonmark",
  userMessage: (err) => {
    if (err instanceof CmUserError || err instanceof IcrNotConnectedError) return err.message;
    if (err instanceof IcrApiError && err.isUnavailable)
      return "ICR is not answering right now. Nothing was changed; please try again in a minute.";
    return undefined;
  },
  getUser: getSessionUser,
  signedOut: () => new CmUserError("Your session has expired. Sign in again; nothing was changed.", "unauthenticated"),
});

/** For actions that check the wallet PIN (export, retire, finish a retirement, change the PIN). */
export const pinActionClient = authedActionClient.use(
  attemptBudget(async (user) => pinChecks({ userId: user.id, ip: clientIpFrom(await headers()) })),
);
