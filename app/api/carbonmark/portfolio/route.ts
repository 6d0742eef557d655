import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { getPortfolio } from "@/lib/carbonmark/portfolio/get-portfolio";
import { prisma } from "@/lib/db";

export const dynamic = "force-dynamic";

// GET /api/carbonmark/portfolio: the signed-in user's holdings and imports (polled by the portfolio page).
export async function GET() {
  const user = await getSessionUser();
  if (!user) return Response.json({ message: "Your session has expired. Sign in again." }, { status: 401 });
  const wallet = await prisma.cmWallet.findUnique({ where: { userId: user.id }, select: { address: true } });
  if (!wallet) return Response.json({ message: "Set up your wallet PIN first." }, { status: 409 });
  return Response.json(await getPortfolio({ userId: user.id, address: wallet.address }), { headers: { "cache-control": "no-store" } });
}
