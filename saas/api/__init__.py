"""The GraphQL API (strawberry-graphql-django): one subpackage per domain, thin resolvers."""
