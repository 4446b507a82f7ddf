"""URLs of shipping on a workspace host: sign-back uploads, proofs, the logo, the tracking-number
import preview and the printed documents. Included by saas/urls_tenant.py:

    path("", include("saas.shipping.urls")),
"""

from __future__ import annotations

from django.urls import path

from saas.shipping import print_views, views

urlpatterns = [
    path(
        "shipping/shipments/<int:shipment_id>/sign-back/", views.sign_back_upload, name="shipping-sign-back"
    ),
    path("shipping/proofs/<int:proof_id>/", views.proof_file, name="shipping-proof"),
    path("shipping/logo/", views.logo, name="shipping-logo"),
    path("shipping/import/preview/", views.tracking_import_preview, name="shipping-import-preview"),
    path("shipping/print/pick-list/", print_views.pick_list_print, name="shipping-print-pick-list"),
    path(
        "shipping/print/delivery-note/", print_views.delivery_note_print, name="shipping-print-delivery-note"
    ),
    path("shipping/print/daily-list/", print_views.daily_list_print, name="shipping-print-daily-list"),
    path(
        "shipping/print/delivery-list/", print_views.delivery_list_print, name="shipping-print-delivery-list"
    ),
    path("shipping/print/<slug:kind>/preview/", print_views.template_preview, name="shipping-print-preview"),
]
