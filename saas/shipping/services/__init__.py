"""The only code that changes shipping data: shipments, batch shipping, scan-to-verify,
sign-back, carriers, settings and print templates. Import from here; the submodules are an
implementation detail.
"""

from __future__ import annotations

from saas.shipping.services.batch import MAX_BATCH_ROWS, BatchRow, shipments_batch_ship
from saas.shipping.services.settings import (
    carrier_create,
    carrier_update,
    print_template_reset,
    print_template_save,
    shipping_logo_set,
    shipping_settings,
    shipping_settings_update,
)
from saas.shipping.services.shipments import (
    SHIPMENT_FLOW,
    ShipmentLineInput,
    shipment_cancel,
    shipment_create,
    shipment_ship,
    shipment_tracking_update,
)
from saas.shipping.services.signback import ProofUpload, shipment_sign_back
from saas.shipping.services.verify import (
    VerifyLine,
    VerifyState,
    shipment_verify_reset,
    shipment_verify_scan,
    shipment_verify_start,
)

__all__ = [
    "MAX_BATCH_ROWS",
    "SHIPMENT_FLOW",
    "BatchRow",
    "ProofUpload",
    "ShipmentLineInput",
    "VerifyLine",
    "VerifyState",
    "carrier_create",
    "carrier_update",
    "print_template_reset",
    "print_template_save",
    "shipment_cancel",
    "shipment_create",
    "shipment_ship",
    "shipment_sign_back",
    "shipment_tracking_update",
    "shipment_verify_reset",
    "shipment_verify_scan",
    "shipment_verify_start",
    "shipments_batch_ship",
    "shipping_logo_set",
    "shipping_settings",
    "shipping_settings_update",
]
