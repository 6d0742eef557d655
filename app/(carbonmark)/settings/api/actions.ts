"use server";

import { authedActionClient } from "@/lib/carbonmark/action-client";
import { createApiKey, ZCreateApiKey } from "@/lib/carbonmark/api-keys/create-api-key";
import { revokeApiKey, ZRevokeApiKey } from "@/lib/carbonmark/api-keys/manage-api-keys";
import {
  addWebhookEndpoint,
  enableWebhookEndpoint,
  removeWebhookEndpoint,
  resendDelivery,
  ZAddEndpoint,
  ZDeliveryId,
  ZEndpointId,
} from "@/lib/carbonmark/user-webhooks/manage-endpoints";

// Settings → API: keys and webhook endpoints of the signed-in user (domain code in lib/carbonmark).

export const createApiKeyAction = authedActionClient.inputSchema(ZCreateApiKey).action(async ({ ctx, parsedInput }) => {
  const k = await createApiKey({ userId: ctx.user.id, ...parsedInput });
  return { key: k.key, name: k.name };
});

export const revokeApiKeyAction = authedActionClient.inputSchema(ZRevokeApiKey).action(async ({ ctx, parsedInput }) => {
  await revokeApiKey({ userId: ctx.user.id, keyId: parsedInput.keyId });
  return { revoked: true };
});

export const addEndpointAction = authedActionClient.inputSchema(ZAddEndpoint).action(async ({ ctx, parsedInput }) => {
  const e = await addWebhookEndpoint({ userId: ctx.user.id, url: parsedInput.url });
  return { url: e.url, secret: e.secret };
});

export const removeEndpointAction = authedActionClient.inputSchema(ZEndpointId).action(async ({ ctx, parsedInput }) => {
  await removeWebhookEndpoint({ userId: ctx.user.id, endpointId: parsedInput.endpointId });
  return { removed: true };
});

export const enableEndpointAction = authedActionClient.inputSchema(ZEndpointId).action(async ({ ctx, parsedInput }) => {
  await enableWebhookEndpoint({ userId: ctx.user.id, endpointId: parsedInput.endpointId });
  return { enabled: true };
});

export const resendDeliveryAction = authedActionClient
  .inputSchema(ZDeliveryId)
  .action(async ({ ctx, parsedInput }) => resendDelivery({ userId: ctx.user.id, deliveryId: parsedInput.deliveryId }));
