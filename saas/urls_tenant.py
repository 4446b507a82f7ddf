"""URLs of a workspace host (<slug>.<base-domain>): the app shell, GraphQL and account pages."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView

from saas.accounts import views as account_views
from saas.api.views import graphql_view
from saas.catalog import views as catalog_views
from saas.distribution import views as distribution_views
from saas.fieldsales import views as fieldsales_views
from saas.messaging import views as messaging_views
from saas.shell import app_shell, favicon

urlpatterns = [
    path("", RedirectView.as_view(url="/app/", permanent=False)),
    path("graphql/", graphql_view, name="graphql"),
    re_path(r"^app/(?P<path>.*)$", app_shell, name="app"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include(account_views.urlpatterns)),
    path("", include(catalog_views.urlpatterns)),
    path("", include("saas.sales.urls")),
    path("", include("saas.shipping.urls")),
    path("", include("saas.reports.urls")),
    path("", include(fieldsales_views.urlpatterns)),
    path("", include(distribution_views.urlpatterns)),
    path("", include(messaging_views.urlpatterns)),
]

handler400 = "saas.core.error_pages.bad_request"
