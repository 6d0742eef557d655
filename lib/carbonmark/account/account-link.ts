import { z } from "zod";

/**
 * The input of every page that acts on a link mailed to the account (confirm the address, confirm
 * a new address, freeze the account): the link's one-time token.
 */
export const ZAccountLink = z.object({ token: z.string().min(1).max(100) });
