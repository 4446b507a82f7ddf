"""A new workspace's first steps: the onboarding checklist and the sample data set.

It stands above every domain it fills (import contract `domain-chain`): loading sample data goes
through catalog's, inventory's, customers' and sales' own services, and removing it recomputes
field sales' daily rollup and clears the inbox of what the sample set told people.
"""
