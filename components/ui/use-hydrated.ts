"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server HTML and during hydration, true once React owns the page. Controls are
 * disabled until then (FormFields, Button), so nothing typed or clicked before the JavaScript
 * has loaded is silently dropped by React's state.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
