"""Exceptions that abort a command; everything else a user can fix is a Diagnostic (data, not raised)."""

from __future__ import annotations


class VersionError(Exception):
    """A version of the model could not be loaded; str() is a message for the user."""


class ToolMissing(Exception):
    """A program the command needs is not installed; str() says what to install (exit status 2)."""
