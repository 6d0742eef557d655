// The sandbox's test project: friendbot mints its credits; `?development` lists only them.
export const SANDBOX_TEST_PROJECT = {
  num: "SANDBOX-1",
  fullName: "ICR Sandbox Test Project",
  countryCode: "IS",
} as const;
export const SANDBOX_TEST_TOKEN_ID = 1;
export const FRIENDBOT_AMOUNT = "100";
