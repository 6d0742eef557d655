import type { Metadata } from "next";
import "./globals.css";

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
