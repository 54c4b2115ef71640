"""The errors a person can cause, in one light module the CLI imports on every run."""

from __future__ import annotations


class UsageProblem(Exception):
    """A usage error found after option parsing (exit 2)."""


class AnswersError(ValueError):
    """A bad answers file or answer; the message names the key and says what is allowed (exit 2)."""


class RulesError(Exception):
    """The rules cannot be read: a missing folder, a missing or broken file."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class Interrupted(Exception):
    """Ctrl-C during the interview, after the save offer; the CLI says so and exits 130."""
