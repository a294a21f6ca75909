"""Roles and what each may do. The services check these; the UI hides what is refused."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    COUNTER = "counter"
    WAREHOUSE = "warehouse"
    FINANCE = "finance"
    MANAGER = "manager"
    ADMIN = "admin"


class Permission(StrEnum):
    VIEW = "view"
    EDIT_CUSTOMERS = "edit_customers"
    EDIT_PRODUCTS = "edit_products"
    ENTER_ORDERS = "enter_orders"
    CONFIRM_ORDERS = "confirm_orders"
    CANCEL_ORDERS = "cancel_orders"
    RECEIVE_STOCK = "receive_stock"
    ADJUST_STOCK = "adjust_stock"
    SHIP = "ship"
    IMPORT_ORDERS = "import_orders"
    MANAGE_PRICING = "manage_pricing"
    APPROVE = "approve"  # manager overrides: price limits, credit holds, returns outside policy
    FINANCE = "finance"
    RETURNS = "returns"
    MANAGE_USERS = "manage_users"
    SETTINGS = "settings"


_COUNTER = {
    Permission.VIEW, Permission.EDIT_CUSTOMERS, Permission.ENTER_ORDERS,
    Permission.CONFIRM_ORDERS, Permission.CANCEL_ORDERS, Permission.IMPORT_ORDERS,
    Permission.RETURNS,
}
_WAREHOUSE = {
    Permission.VIEW, Permission.RECEIVE_STOCK, Permission.ADJUST_STOCK, Permission.SHIP,
    Permission.RETURNS,
}
_FINANCE = {Permission.VIEW, Permission.FINANCE, Permission.EDIT_CUSTOMERS}
_MANAGER = _COUNTER | _WAREHOUSE | _FINANCE | {
    Permission.EDIT_PRODUCTS, Permission.MANAGE_PRICING, Permission.APPROVE,
}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COUNTER: frozenset(_COUNTER),
    Role.WAREHOUSE: frozenset(_WAREHOUSE),
    Role.FINANCE: frozenset(_FINANCE),
    Role.MANAGER: frozenset(_MANAGER),
    Role.ADMIN: frozenset(Permission),
}


def may(role: Role | str, permission: Permission) -> bool:
    return permission in PERMISSIONS[Role(role)]
