"""GraphQL of messaging: conversations, messages, and the `messages` subscription."""
