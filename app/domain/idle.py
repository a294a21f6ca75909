"""Idle auto-lock at the counter: after so many minutes without input the desk locks and
asks for a PIN (switch user). Pure: the UI feeds it the time of the last key or click and
the current time, and asks what to show. ``minutes = 0`` means never lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

DEFAULT_IDLE_MINUTES = 5
MAX_IDLE_MINUTES = 240
WARN_BEFORE = timedelta(seconds=30)


class IdleState(StrEnum):
    ACTIVE = "active"
    WARNING = "warning"  # show "locking in N s" so a clerk can keep the session
    LOCKED = "locked"


@dataclass(frozen=True)
class IdlePolicy:
    minutes: int = DEFAULT_IDLE_MINUTES

    def __post_init__(self) -> None:
        if not 0 <= self.minutes <= MAX_IDLE_MINUTES:
            raise ValueError(
                f"Idle lock must be 0 (never) to {MAX_IDLE_MINUTES} minutes, not {self.minutes}."
            )

    @property
    def enabled(self) -> bool:
        return self.minutes > 0

    def deadline(self, last_activity: datetime) -> datetime | None:
        return last_activity + timedelta(minutes=self.minutes) if self.enabled else None

    def seconds_left(self, last_activity: datetime, now: datetime) -> float | None:
        deadline = self.deadline(last_activity)
        return None if deadline is None else max(0.0, (deadline - now).total_seconds())

    def state(self, last_activity: datetime, now: datetime) -> IdleState:
        left = self.seconds_left(last_activity, now)
        if left is None or left > min(WARN_BEFORE, self._span()).total_seconds():
            return IdleState.ACTIVE
        return IdleState.LOCKED if left == 0 else IdleState.WARNING

    def next_check_in(self, last_activity: datetime, now: datetime) -> float | None:
        """Seconds until the state can next change (for a single-shot UI timer)."""
        left = self.seconds_left(last_activity, now)
        if left is None or left == 0:
            return None
        warn = min(WARN_BEFORE, self._span()).total_seconds()
        return left - warn if left > warn else left

    def _span(self) -> timedelta:
        return timedelta(minutes=self.minutes)
