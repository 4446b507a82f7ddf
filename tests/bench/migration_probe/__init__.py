"""A tenant app whose one migration `make bench-migrate` applies to every schema, then takes back."""
