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
from app.db.models.fulfil2 import ParcelSerial, ProductTracking
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
from app.db.models.opening import CustomerOpeningBalance
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
from app.db.models.returns import (
    ReturnApproval,
    ReturnAuthorisation,
    ReturnEvent,
    ReturnLine,
    ReturnPolicySetting,
    ReturnResolution,
    ReturnScan,
)
from app.db.models.sales import Customer, CustomerAddress, Order, OrderLine, OrderStatusChange
from app.db.models.tracking import (
    CaseAction,
    ExceptionCase,
    ExceptionRule,
    OrderCostEntry,
    ReshipRequest,
    TrackingEvent,
)

__all__ = [
    "Allocation", "AuditEntry", "Backorder", "BankStatementLine", "Base", "BinLocation",
    "BomComponent", "BoxSize", "Carrier", "CarrierService", "CaseAction", "ChannelColumnMapping",
    "ChannelFinance", "ChannelSettings", "ChannelSkuMap", "Coupon", "CouponRedemption",
    "CreditNote", "Customer", "CustomerAddress", "CustomerCredit", "CustomerOpeningBalance",
    "DocumentSequence", "DunningLetter", "DunningLevelSetting", "ExceptionCase", "ExceptionRule",
    "ImportBatch", "ImportRow", "IndirectCost", "IntakeChange", "IntakeLine", "IntakeProblem",
    "IntakeSource", "Invoice", "InvoiceLine", "MemberTier", "Notice", "Order", "OrderCost",
    "OrderCostEntry", "OrderCoupon", "OrderLine", "OrderLineAdjustment", "OrderLineOptions",
    "OrderPricing", "OrderStatusChange", "PackScan", "PackSession", "Parcel", "ParcelItem",
    "ParcelSerial", "ProductTracking",
    "Payment", "PickList", "PickListOrder", "PriceList", "PriceListItem", "Product",
    "ProductBarcode", "ProductManufacturing", "ProductSubstitute", "PromotionRow", "RateBand",
    "RateZone", "Reservation", "ReservationHold", "ReshipRequest", "ReturnApproval",
    "ReturnAuthorisation", "ReturnEvent", "ReturnLine", "ReturnPolicySetting",
    "ReturnResolution", "ReturnScan",
    "RoutingOperation",
    "ScanReceipt", "Shipment", "StockLevel", "StockMove", "TrackingEvent",
    "TrackingRange", "User", "Warehouse", "WorkOrder", "WorkOrderOperation", "WorkOrderProblem",
]
