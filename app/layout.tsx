import type { Metadata } from "next";
import "./globals.css";

// Every page carries a per-request CSP nonce (proxy.ts), so every page is rendered per request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Carbonmark ⇄ ICR",
  description: "Move carbon credits between the International Carbon Registry and your Carbonmark wallet.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
