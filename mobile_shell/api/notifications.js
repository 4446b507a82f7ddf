/**
 * The GraphQL operations of the notification centre: the inbox, the unread count, marking read,
 * and how each kind is delivered.
 *
 * One exported constant per operation, named after it (query Notifications → NOTIFICATIONS); a
 * fragment is a constant of its own, joined with + to the operations that spread it.
 * tests/test_shell_operations.py reads these files without running them and validates every
 * operation against graphql/schema.graphql: keep to template literals without ${…}.
 */

export const NOTIFICATION_FIELDS = `fragment NotificationFields on Notification { id kind title body link read createdAt }`;
export const NOTIFICATIONS = `query Notifications($limit: Int!, $offset: Int!) {
  notifications(limit: $limit, offset: $offset) { totalCount unreadCount items { ...NotificationFields } }
}` + NOTIFICATION_FIELDS;
export const NOTIFICATION_UNREAD_COUNT = `query NotificationUnreadCount { notificationUnreadCount }`;
export const NOTIFICATIONS_MARK_READ = `mutation NotificationsMarkRead($ids: [ID!]!) {
  notificationsMarkRead(ids: $ids) { unreadCount errors { field code message } }
}`;
export const NOTIFICATIONS_MARK_ALL_READ = `mutation NotificationsMarkAllRead {
  notificationsMarkAllRead { unreadCount errors { field code message } }
}`;
export const NOTIFICATION_PREFERENCES = `query NotificationPreferences { notificationPreferences { kind label inApp email } }`;
export const NOTIFICATION_PREFERENCE_SET = `mutation NotificationPreferenceSet($input: NotificationPreferenceInput!) {
  notificationPreferenceSet(input: $input) { preference { kind label inApp email } errors { field code message } }
}`;
