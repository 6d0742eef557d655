import type http from "node:http";
import { listProjects } from "@/lib/registry/list-projects";
import { sendJson } from "@/lib/testing/local-http-server";

/** For stand-ins of ICR in tests: answers GET /projects as the sandbox does (the registry's project contracts). */
export async function sendIcrProjects(res: http.ServerResponse) {
  sendJson(res, 200, await listProjects());
}
