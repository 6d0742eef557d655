/**
 * Called after every successful Carbonmark sign-in, once its browser has been recorded
 * (known-devices.ts). The place for the "sign-in from a new device" security mail: `isNewDevice`
 * is true when this browser had not signed in to this account before (or sent no device cookie).
 * Currently does nothing.
 */
export async function onSignedIn(event: { userId: string; isNewDevice: boolean; userAgent: string }): Promise<void> {
  void event;
}
