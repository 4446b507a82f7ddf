"""Messaging (聊天): conversations between staff, with a distributor's people, and threads on orders."""
