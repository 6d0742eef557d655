import { z } from "zod";
import { prisma } from "@/lib/db";
import { projectRef } from "@/lib/registry/project-ref";

export const ZProjectListItem = z
  .object({
    id: z.string(),
    fullName: z.string(),
    url: z.string(),
    publicUrl: z.string(),
    num: z.string(),
    /** The project's ERC-1155 credit contract: every credit of the project is `exPost-<tokenId>-<projectAddress>`. */
    projectAddress: z.string(),
  })
  .meta({ id: "ProjectListItem" });

/** GET /projects: every project with a credit contract (public, like ICR's project explorer). */
export async function listProjects(): Promise<{ projects: z.output<typeof ZProjectListItem>[] }> {
  const rows = await prisma.icrProject.findMany({ where: { contractAddress: { not: null } }, orderBy: { num: "asc" } });
  return { projects: rows.map((p) => ({ ...projectRef(p), projectAddress: p.contractAddress! })) };
}
