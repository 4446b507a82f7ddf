"""The reports' selectors that are not a report of their own: the home screen's figures."""
