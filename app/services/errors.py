"""Errors a service raises for a person to read. Every message names the problem."""

from __future__ import annotations


class ServiceError(Exception):
    """Base: the action was refused or failed, nothing was written."""


class PermissionDenied(ServiceError):
    pass


class NotFound(ServiceError):
    pass


class ValidationFailed(ServiceError):
    pass


class ConcurrentChange(ServiceError):
    """Someone else saved the record since it was loaded."""


class InsufficientStock(ServiceError):
    def __init__(self, message: str, shortages: dict[str, tuple[int, int]]) -> None:
        super().__init__(message)
        # sku -> (wanted, available)
        self.shortages = shortages


class LoginFailed(ServiceError):
    pass
