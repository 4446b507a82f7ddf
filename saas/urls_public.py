"""URLs of the public site (the bare base domain): landing page and sign-up."""

from django.urls import path

from tenants import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("signup/", views.signup, name="signup"),
]

handler400 = "saas.core.error_pages.bad_request"
