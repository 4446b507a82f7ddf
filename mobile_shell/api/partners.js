/**
 * The GraphQL operations of the partner integration's admin screens: API keys, webhook
 * endpoints and their delivery log (owners and admins, tenant.manage).
 *
 * One exported constant per operation, named after it; a fragment is a constant of its own,
 * joined with + to the operations that spread it. tests/test_shell_operations.py validates each
 * against graphql/schema.graphql: keep to template literals without ${…}.
 *
 * Secrets (spk_…, whsec_…) come only in the answers of create and rotate; the screens show them
 * once and keep them nowhere else (no query cache, no storage).
 */

export const API_KEY_FIELDS = `fragment ApiKeyFields on ApiKey {
  id name prefix scopes allowedIps expiresAt createdAt lastUsedAt lastUsedIp revokedAt previousValidUntil active
}`;
export const API_KEYS = `query ApiKeys { apiKeys { ...ApiKeyFields } }` + API_KEY_FIELDS;
export const API_KEY_SCOPES = `query ApiKeyScopes { apiKeyScopes }`;
export const API_KEY_CREATE = `mutation ApiKeyCreate($input: ApiKeyCreateInput!) {
  apiKeyCreate(input: $input) { apiKey { ...ApiKeyFields } secret errors { field code message } }
}` + API_KEY_FIELDS;
export const API_KEY_ROTATE = `mutation ApiKeyRotate($id: ID!) {
  apiKeyRotate(id: $id) { apiKey { ...ApiKeyFields } secret errors { field code message } }
}` + API_KEY_FIELDS;
export const API_KEY_REVOKE = `mutation ApiKeyRevoke($id: ID!) {
  apiKeyRevoke(id: $id) { apiKey { ...ApiKeyFields } errors { field code message } }
}` + API_KEY_FIELDS;

export const WEBHOOK_ENDPOINT_FIELDS = `fragment WebhookEndpointFields on WebhookEndpoint {
  id url events description enabled state consecutiveFailures disabledAt nextProbeAt createdAt secretRotatedUntil
}`;
export const WEBHOOK_ENDPOINTS = `query WebhookEndpoints { webhookEndpoints { ...WebhookEndpointFields } }` + WEBHOOK_ENDPOINT_FIELDS;
export const WEBHOOK_ENDPOINT = `query WebhookEndpoint($id: ID!) {
  webhookEndpoint(id: $id) { ...WebhookEndpointFields }
}` + WEBHOOK_ENDPOINT_FIELDS;
export const WEBHOOK_EVENT_TYPES = `query WebhookEventTypes { webhookEventTypes { name area description } }`;
export const WEBHOOK_ENDPOINT_CREATE = `mutation WebhookEndpointCreate($input: WebhookEndpointCreateInput!) {
  webhookEndpointCreate(input: $input) { webhookEndpoint { ...WebhookEndpointFields } secret errors { field code message } }
}` + WEBHOOK_ENDPOINT_FIELDS;
export const WEBHOOK_ENDPOINT_UPDATE = `mutation WebhookEndpointUpdate($id: ID!, $input: WebhookEndpointUpdateInput!) {
  webhookEndpointUpdate(id: $id, input: $input) { webhookEndpoint { ...WebhookEndpointFields } errors { field code message } }
}` + WEBHOOK_ENDPOINT_FIELDS;
export const WEBHOOK_ENDPOINT_DELETE = `mutation WebhookEndpointDelete($id: ID!) {
  webhookEndpointDelete(id: $id) { webhookEndpoint { id } errors { field code message } }
}`;
export const WEBHOOK_ENDPOINT_ROTATE_SECRET = `mutation WebhookEndpointRotateSecret($id: ID!) {
  webhookEndpointRotateSecret(id: $id) { webhookEndpoint { ...WebhookEndpointFields } secret errors { field code message } }
}` + WEBHOOK_ENDPOINT_FIELDS;
export const WEBHOOK_ENDPOINT_REPLAY = `mutation WebhookEndpointReplay($id: ID!, $since: DateTime!, $until: DateTime!) {
  webhookEndpointReplay(id: $id, since: $since, until: $until) { queued errors { field code message } }
}`;

export const WEBHOOK_DELIVERY_FIELDS = `fragment WebhookDeliveryFields on WebhookDelivery {
  id eventId eventType status attempts createdAt nextAttemptAt lastAttemptAt lastStatusCode lastLatencyMs lastError
  log { number attemptedAt statusCode latencyMs succeeded errorCode responseExcerpt }
}`;
export const WEBHOOK_DELIVERIES = `query WebhookDeliveries($endpointId: ID!, $status: WebhookDeliveryStatus, $limit: Int!, $offset: Int!) {
  webhookDeliveries(endpointId: $endpointId, status: $status, limit: $limit, offset: $offset) {
    totalCount
    items { ...WebhookDeliveryFields }
  }
}` + WEBHOOK_DELIVERY_FIELDS;
export const WEBHOOK_DELIVERY_REDELIVER = `mutation WebhookDeliveryRedeliver($id: ID!) {
  webhookDeliveryRedeliver(id: $id) { delivery { ...WebhookDeliveryFields } errors { field code message } }
}` + WEBHOOK_DELIVERY_FIELDS;
