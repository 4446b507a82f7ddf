"""URLs of the public site (the bare base domain): landing page, sign-up, Stripe's webhook."""

from django.urls import path

from saas.shell import favicon
from tenants import views
from tenants.billing.stripe_webhook import stripe_webhook

urlpatterns = [
    path("", views.landing, name="landing"),
    path("signup/", views.signup, name="signup"),
    path("favicon.ico", favicon, name="favicon"),
    path("billing/stripe/webhook/", stripe_webhook, name="stripe_webhook"),
]

handler400 = "saas.core.error_pages.bad_request"
