// Plain, safe mail bodies: every value is escaped; one layout for both sides.
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export type TMailBody = {
  heading: string;
  lines: [label: string, value: string][];
  intro?: string;
  link?: { label: string; url: string };
  footer: string;
};

/** The text and HTML parts of a mail: a heading, label/value lines, one call to action, a footer. */
export function renderMail(body: TMailBody): { text: string; html: string } {
  const text = [
    body.heading,
    "",
    ...(body.intro ? [body.intro, ""] : []),
    ...body.lines.map(([k, v]) => `${k}: ${v}`),
    ...(body.link ? ["", `${body.link.label}: ${body.link.url}`] : []),
    "",
    "--",
    body.footer,
  ].join("\n");
  const rows = body.lines
    .map(
      ([k, v]) =>
        `<tr><td style="padding:2px 12px 2px 0;color:#64748b">${escapeHtml(k)}</td><td style="padding:2px 0;font-family:monospace">${escapeHtml(v)}</td></tr>`,
    )
    .join("");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">
<h1 style="font-size:18px">${escapeHtml(body.heading)}</h1>
${body.intro ? `<p>${escapeHtml(body.intro)}</p>` : ""}
<table style="font-size:14px">${rows}</table>
${body.link ? `<p><a href="${escapeHtml(body.link.url)}" style="display:inline-block;padding:8px 14px;background:#0f766e;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(body.link.label)}</a></p>` : ""}
<p style="font-size:12px;color:#64748b">${escapeHtml(body.footer)}</p>
</body></html>`;
  return { text, html };
}
