// ICR permissions, exactly as the API reference names them.
export const PERMISSIONS = [
  "organization_info:read",
  "organization_inventory:read",
  "organization_inventory:read_write",
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

/** What each permission lets an app do, in plain words (consent screen, token pages). */
export const PERMISSION_WORDS: Record<TPermission, string> = {
  "organization_info:read": "See your organization's profile and its public wallet addresses",
  "organization_inventory:read": "See the credits in your organization's inventory",
  "organization_inventory:read_write":
    "See your inventory and request transfers or retirements of its credits. A request does nothing until an admin of your organization accepts it",
};

/** read_write includes read. */
export function hasPermission(granted: readonly string[], needed: TPermission): boolean {
  if (granted.includes(needed)) return true;
  return needed === "organization_inventory:read" && granted.includes("organization_inventory:read_write");
}
