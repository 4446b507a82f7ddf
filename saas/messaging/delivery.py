"""Messaging's consumers of the event fan-out (filled in below)."""


def register() -> None:
    pass
