"""URLs of sales pages on a workspace host: printable orders and quotations.

Included from saas/urls_tenant.py with `path("", include("saas.sales.urls"))`.
"""

from django.urls import path

from saas.sales import views

urlpatterns = [
    path("sales/orders/print/", views.orders_print, name="sales-orders-print"),
    path("sales/orders/<int:order_id>/print/", views.order_print, name="sales-order-print"),
    path("sales/quotations/<int:quotation_id>/print/", views.quotation_print, name="sales-quotation-print"),
]
