"""Cross-domain building blocks: errors, tenancy helpers, language, events after commit."""
