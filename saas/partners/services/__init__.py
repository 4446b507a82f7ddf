"""The partner app's writes: keys (`keys`), webhook endpoints (`endpoints`), deliveries (`deliveries`)."""
