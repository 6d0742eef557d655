import type { Metadata } from "next";
import "./globals.css";

// Every page carries a per-request CSP nonce (proxy.ts), so every page is rendered per request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Carbonmark ⇄ ICR",
  description: "Move carbon credits between the International Carbon Registry and your Carbonmark wallet.",
  // Served from public/ (PNGs rendered from the SVG by scripts/render-icons.ts).
  icons: {
    icon: [
      { url: "/favicon.svg", type: "image/svg+xml" },
      { url: "/icon-192.png", sizes: "192x192", type: "image/png" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
  manifest: "/site.webmanifest",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
