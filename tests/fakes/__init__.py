"""Local servers that speak remote services' protocols, for tests (never imported by the app)."""
