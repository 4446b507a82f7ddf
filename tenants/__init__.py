"""Public-schema app: tenants, their domains, plans, provisioning and the sign-up portal."""
