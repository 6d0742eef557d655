import { config } from "@/lib/config";
import { IcrHttpClient } from "@/lib/icr/base-client";

const globalForIcr = globalThis as unknown as { icrClient?: IcrHttpClient; icrClientUrl?: string };

/** The process-wide client for ICR_API_URL. */
export function icrClient(): IcrHttpClient {
  const url = config().ICR_API_URL;
  if (!globalForIcr.icrClient || globalForIcr.icrClientUrl !== url) {
    globalForIcr.icrClient = new IcrHttpClient(url);
    globalForIcr.icrClientUrl = url;
  }
  return globalForIcr.icrClient;
}
