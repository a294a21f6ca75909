"""The counter's idle auto-lock policy (pure) and its setting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.config import Settings
from app.domain.idle import IdlePolicy, IdleState

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_active_then_warning_then_locked() -> None:
    p = IdlePolicy(5)
    assert p.state(T0, T0 + timedelta(minutes=4)) is IdleState.ACTIVE
    assert p.state(T0, T0 + timedelta(minutes=4, seconds=31)) is IdleState.WARNING
    assert p.state(T0, T0 + timedelta(minutes=5)) is IdleState.LOCKED
    assert p.state(T0, T0 + timedelta(hours=3)) is IdleState.LOCKED
    assert p.seconds_left(T0, T0 + timedelta(minutes=1)) == 240


def test_next_check_points_at_the_warning_then_the_lock() -> None:
    p = IdlePolicy(5)
    assert p.next_check_in(T0, T0) == 270  # the warning starts 30 s before the lock
    assert p.next_check_in(T0, T0 + timedelta(seconds=280)) == 20
    assert p.next_check_in(T0, T0 + timedelta(minutes=6)) is None


def test_zero_never_locks_and_bad_values_are_refused() -> None:
    never = IdlePolicy(0)
    assert not never.enabled and never.deadline(T0) is None
    assert never.state(T0, T0 + timedelta(days=9)) is IdleState.ACTIVE
    for bad in (-1, 241):
        with pytest.raises(ValueError, match="0 \\(never\\) to 240 minutes"):
            IdlePolicy(bad)


def test_the_setting_is_saved_and_a_bad_value_falls_back() -> None:
    s = Settings()
    assert s.idle_policy() == IdlePolicy(5)
    s.idle_lock_minutes = 2
    s.save()
    assert Settings.load().idle_policy() == IdlePolicy(2)
    s.idle_lock_minutes = 9999
    assert s.idle_policy() == IdlePolicy(5)
