"""URLs of report downloads, print pages and sheet imports; included by the workspace urlconf at the root."""

from django.urls import re_path

from saas.reports import import_views, views

urlpatterns = [
    *import_views.urlpatterns,
    re_path(r"^reports/(?P<name>[a-z-]{1,40})\.(?P<fmt>csv|xlsx)$", views.report_file, name="report-file"),
    re_path(r"^reports/(?P<name>[a-z-]{1,40})/print/$", views.report_print, name="report-print"),
]
