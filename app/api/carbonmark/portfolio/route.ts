import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { describeOutage } from "@/lib/carbonmark/describe-outage";
import { getPortfolio } from "@/lib/carbonmark/portfolio/get-portfolio";
import { walletAddress } from "@/lib/carbonmark/wallet/wallet-address";
import { logger } from "@/lib/log/logger";
import { withRequestContext } from "@/lib/log/request-context";

export const dynamic = "force-dynamic";

// GET /api/carbonmark/portfolio: the signed-in user's holdings and imports (polled by the portfolio page).
// The database or the chain being down is a 503 with a message, never an empty 500.
async function get() {
  try {
    const user = await getSessionUser();
    if (!user) return Response.json({ message: "Your session has expired. Sign in again." }, { status: 401 });
    const address = await walletAddress(user.id);
    if (!address) return Response.json({ message: "Set up your wallet PIN first." }, { status: 409 });
    return Response.json(await getPortfolio({ userId: user.id, address }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    const outage = describeOutage(err);
    logger.warn({ err: String(err), source: outage.source }, "portfolio unavailable");
    return Response.json(
      { message: outage.message, unavailable: outage.source },
      { status: 503, headers: { "cache-control": "no-store", "retry-after": "5" } },
    );
  }
}

export const GET = withRequestContext(get);
