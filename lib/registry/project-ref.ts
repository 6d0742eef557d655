import { config } from "@/lib/config";

/** The `project` object of inventory items and retirements. */
export function projectRef(p: { id: string; fullName: string; num: string }) {
  return {
    id: p.id,
    fullName: p.fullName,
    url: `${config().ICR_API_URL}/projects/${p.id}`,
    publicUrl: `${config().ICR_WEB_URL}/explore/projects/${p.id}`,
    num: p.num,
  };
}
