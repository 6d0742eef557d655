import { z } from "zod";

export const ZStartInstall = z.object({ returnTo: z.enum(["/import/icr", "/export/icr", "/settings/connection"]) });
