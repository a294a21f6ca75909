"""All ORM models. Each area has its own module; import them here so Alembic sees them."""

from app.db.base import Base
from app.db.models.allocation import (
    Backorder,
    ChannelSettings,
    ProductSubstitute,
    ReservationHold,
)
from app.db.models.catalog import (
    BinLocation,
    Product,
    ProductBarcode,
    Reservation,
    StockLevel,
    StockMove,
    Warehouse,
)
from app.db.models.core import AuditEntry, DocumentSequence, User
from app.db.models.intake import (
    ChannelColumnMapping,
    ChannelSkuMap,
    ImportBatch,
    ImportRow,
    IntakeChange,
    IntakeLine,
    IntakeProblem,
    IntakeSource,
)
from app.db.models.pricing import (
    Coupon,
    CouponRedemption,
    MemberTier,
    OrderCoupon,
    OrderLineAdjustment,
    OrderPricing,
    PriceList,
    PriceListItem,
    PromotionRow,
)
from app.db.models.fulfilment import (
    BoxSize,
    Carrier,
    CarrierService,
    Notice,
    PackScan,
    PackSession,
    Parcel,
    ParcelItem,
    PickList,
    PickListOrder,
    RateBand,
    RateZone,
    Shipment,
    TrackingRange,
)
from app.db.models.production import (
    BomComponent,
    OrderLineOptions,
    ProductManufacturing,
    RoutingOperation,
    WorkOrder,
    WorkOrderOperation,
    WorkOrderProblem,
)
from app.db.models.receivables import (
    Allocation,
    BankStatementLine,
    ChannelFinance,
    CreditNote,
    CustomerCredit,
    DunningLetter,
    DunningLevelSetting,
    IndirectCost,
    Invoice,
    InvoiceLine,
    OrderCost,
    Payment,
)
from app.db.models.reliability import ScanReceipt
from app.db.models.sales import Customer, CustomerAddress, Order, OrderLine, OrderStatusChange
from app.db.models.tracking import (
    CaseAction,
    ExceptionCase,
    ExceptionRule,
    OrderCostEntry,
    ReshipRequest,
    TrackingEvent,
    TrackingNotice,
)

__all__ = [
    "Backorder", "ChannelSettings", "Coupon", "CouponRedemption", "MemberTier", "OrderCoupon",
    "OrderLineAdjustment", "OrderPricing", "PriceList", "PriceListItem", "ProductSubstitute",
    "PromotionRow", "ReservationHold",
    "AuditEntry", "Base", "BinLocation", "Customer", "CustomerAddress", "DocumentSequence",
    "Order", "OrderLine", "OrderStatusChange", "Product", "ProductBarcode", "Reservation",
    "StockLevel", "StockMove", "User", "Warehouse",
    "ChannelColumnMapping", "ChannelSkuMap", "ImportBatch", "ImportRow", "IntakeChange",
    "IntakeLine", "IntakeProblem", "IntakeSource",
    "BoxSize", "Carrier", "CarrierService", "Notice", "PackScan", "PackSession", "Parcel",
    "ParcelItem", "PickList", "PickListOrder", "RateBand", "RateZone", "Shipment",
    "TrackingRange",
    # made to order, tracking and exceptions (issue 8)
    "BomComponent", "CaseAction", "ExceptionCase", "ExceptionRule", "OrderCostEntry",
    "OrderLineOptions", "ProductManufacturing", "ReshipRequest", "RoutingOperation",
    "TrackingEvent", "TrackingNotice", "WorkOrder", "WorkOrderOperation", "WorkOrderProblem",
    # receivables
    "Allocation", "BankStatementLine", "ChannelFinance", "CreditNote", "CustomerCredit",
    "DunningLetter", "DunningLevelSetting", "IndirectCost", "Invoice", "InvoiceLine",
    "OrderCost", "Payment",
    "ScanReceipt", "StockLevel", "StockMove", "User", "Warehouse",
]
