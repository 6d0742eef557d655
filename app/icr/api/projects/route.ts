import { icrRoute } from "@/lib/registry/api/icr-route";
import { listProjects } from "@/lib/registry/list-projects";

// GET /icr/api/projects: every project and its credit contract (public; `project.url` points here).
export const GET = icrRoute({ auth: "none" }, async () => listProjects());
