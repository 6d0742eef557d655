import { icrClient } from "@/lib/icr/client";
import type { IcrHttpClient } from "@/lib/icr/base-client";
import { ZIcrProjects } from "@/lib/icr/schemas";

/** GET /projects (public): every ICR project with its credit contract (`projectAddress`). */
export function listIcrProjects(client: IcrHttpClient = icrClient()) {
  return client.request({ method: "GET", path: "/projects", schema: ZIcrProjects });
}
