import { getSessionUser } from "@/lib/carbonmark/auth/get-session-user";
import { retirementReport, ZRetirementReportRequest } from "@/lib/carbonmark/statements/retirement-report";
import { renderRetirementReportPdf } from "@/lib/carbonmark/statements/retirement-report-pdf";
import { withRequestContext } from "@/lib/log/request-context";

export const dynamic = "force-dynamic";

// GET /api/carbonmark/retirement-report?from&to: the signed-in user's retirement report (PDF).
async function get(req: Request) {
  const user = await getSessionUser();
  if (!user) return Response.json({ message: "Your session has expired. Sign in again." }, { status: 401 });
  const query = Object.fromEntries(
    [...new URL(req.url).searchParams].filter(([k, v]) => v !== "" && (k === "from" || k === "to")),
  );
  const parsed = ZRetirementReportRequest.safeParse(query);
  if (!parsed.success)
    return Response.json(
      { message: parsed.error.issues[0]?.message ?? "Invalid period", issues: parsed.error.issues },
      { status: 400 },
    );
  const pdf = await renderRetirementReportPdf(await retirementReport({ userId: user.id, ...parsed.data }), user);
  const name = `carbonmark-retirement-report-${parsed.data.from ?? "start"}-to-${parsed.data.to ?? "now"}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${name}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export const GET = withRequestContext(get);
