"""URLs of report downloads and print pages; included by the workspace urlconf at the root."""

from django.urls import re_path

from saas.reports import views

urlpatterns = [
    re_path(r"^reports/(?P<name>[a-z-]{1,40})\.(?P<fmt>csv|xlsx)$", views.report_file, name="report-file"),
    re_path(r"^reports/(?P<name>[a-z-]{1,40})/print/$", views.report_print, name="report-print"),
]
