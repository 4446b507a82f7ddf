"""URLs of the public site (the bare base domain): landing page and sign-up."""

from django.urls import path

from saas.shell import favicon
from tenants import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("signup/", views.signup, name="signup"),
    path("favicon.ico", favicon, name="favicon"),
]

handler400 = "saas.core.error_pages.bad_request"
