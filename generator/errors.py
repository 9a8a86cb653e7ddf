"""Exceptions that abort a command; everything else a user can fix is a Diagnostic (data, not raised)."""

from __future__ import annotations


class VersionError(Exception):
    """A version of the model could not be loaded; str() is a message for the user."""


class ToolError(Exception):
    """An external program typ runs (Graphviz) is missing or failed: not the model's fault, exit 2.

    str() is the message for the user; `hint` says how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


class ToolMissing(ToolError):
    """The program is not installed (not on PATH)."""


class BaseError(Exception):
    """A region repository's national base cannot be used: unreachable, no such ref, not a model, or a
    source or ref refused before git sees it. Exit 2; str() names the base."""
