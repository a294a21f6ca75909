"""Named fault points for crash tests.

Production code may call ``point("shipping.label_printed")`` at a moment where a crash
would be interesting; it does nothing unless a test installed a hook (in a child process
that the test then kills). Cheap enough for hot paths: one global lookup.
"""

from __future__ import annotations

from collections.abc import Callable

_hook: Callable[[str], None] | None = None


def point(name: str) -> None:
    if _hook is not None:
        _hook(name)


def install(hook: Callable[[str], None] | None) -> None:
    """Set (or clear, with None) the function called at every named point."""
    global _hook
    _hook = hook
