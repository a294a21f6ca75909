"""Invoices per shipment, and an index for the ageing report.

An order shipped in parts is invoiced once per shipment for what that shipment carried,
so ``invoices.order_id`` is no longer unique and ``invoices.shipment_id`` (nullable,
unique when set) names the shipment an invoice is for.

Existing invoices keep ``shipment_id`` NULL, which means "the whole order" (before this
revision every invoice covered its whole order): such orders are never invoiced again
when more of them ships.

``ix_invoices_ageing`` (status, customer_id, due_date, issue_date, total, paid) holds
everything the ageing report reads of an open invoice, in customer order: the report is
one index range scan grouped by customer without touching the table or sorting. It
starts with (status, customer_id), so ``ix_invoices_status_customer`` is dropped.

Revision ID: 1400
Revises: 1550
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1400"
down_revision: str | None = "1550"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_AGEING_COLUMNS = ["status", "customer_id", "due_date", "issue_date", "total", "paid"]


def upgrade() -> None:
    # SQLite cannot ALTER constraints: batch mode rebuilds the table (copy, drop, rename).
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_constraint("uq_invoices_order_id", type_="unique")
        batch_op.add_column(sa.Column("shipment_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_invoices_shipment_id_shipments", "shipments",
                                    ["shipment_id"], ["id"])
        batch_op.create_unique_constraint("uq_invoices_shipment_id", ["shipment_id"])
        batch_op.create_index("ix_invoices_order", ["order_id"], unique=False)
        batch_op.create_index("ix_invoices_ageing", _AGEING_COLUMNS, unique=False)
        batch_op.drop_index("ix_invoices_status_customer")


def downgrade() -> None:
    # Only possible while every order has at most one invoice.
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index("ix_invoices_status_customer", ["status", "customer_id"],
                              unique=False)
        batch_op.drop_index("ix_invoices_ageing")
        batch_op.drop_index("ix_invoices_order")
        batch_op.drop_constraint("uq_invoices_shipment_id", type_="unique")
        batch_op.drop_constraint("fk_invoices_shipment_id_shipments", type_="foreignkey")
        batch_op.drop_column("shipment_id")
        batch_op.create_unique_constraint("uq_invoices_order_id", ["order_id"])
