"""GraphQL for the notification centre: the inbox, the unread count, marking read, preferences."""
