/**
 * The app's GraphQL subscriptions: core/realtime.js runs them over the WebSocket of /graphql/
 * (graphql-transport-ws). Kept to template literals without ${…}, like every api/ module.
 */

// The person's notifications as they come; with $after, first those missed since that id.
export const LIVE_NOTIFICATIONS = `subscription LiveNotifications($after: ID) {
  notifications(after: $after) { id kind title body link read createdAt payload }
}`;
export const LIVE_UNREAD_COUNT = `subscription LiveUnreadCount { unreadCount }`;
