"""Notifications: each person's inbox of what happened that concerns them, and their preferences.

Rows are written by the `inbox` consumer of the event fan-out (saas/core/event_delivery.py)
from a rule per event kind (rules.py): who hears of it (by role, as the object's owner), what it
says, and where it links. A notification is created only for people who may see its object
through the domains' selectors (recipients.py), and only when their preference for the kind
allows it in the app; `email` sends the ones they want by e-mail, `live` pushes them to open
sockets (saas/core/live.py). It stands above the domains in the import chain because it asks
each domain's selectors who may see what.
"""
