import { describe, expect, it } from "vitest";
import { mailMessageId } from "@/lib/mail/transport";
import { renderMail } from "@/lib/mail/render";

describe("renderMail", () => {
  it("escapes every value in the HTML part, so a beneficiary name cannot inject markup", () => {
    const { html, text } = renderMail({
      heading: "Receipt",
      lines: [["Beneficiary", `<script>alert(1)</script> & "Co"`]],
      link: { label: "Open", url: `https://x.test/a?b=1&c="2"` },
      footer: "f",
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;");
    expect(html).toContain(`href="https://x.test/a?b=1&amp;c=&quot;2&quot;"`);
    expect(text).toContain(`Beneficiary: <script>alert(1)</script> & "Co"`);
    expect(text).toContain(`Open: https://x.test/a?b=1&c="2"`);
  });

  it("gives one outbox row one Message-ID, on the site's host", () => {
    expect(mailMessageId("0d6c", "https://carbonmark.example/app")).toBe("<0d6c@carbonmark.example>");
  });
});
