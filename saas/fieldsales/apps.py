"""App config for saas.fieldsales: its consumers of the event fan-out (the rankings' rollup, plan
stops marked visited) and who sees a work log (asked by the notification inbox)."""

from django.apps import AppConfig


class FieldSalesConfig(AppConfig):
    name = "saas.fieldsales"
    label = "fieldsales"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from saas.core.event_delivery import consumer_register
        from saas.core.object_visibility import visibility_register
        from saas.fieldsales import events  # noqa: F401  (the catalogue)
        from saas.fieldsales.plan_selectors import work_log_visible
        from saas.fieldsales.plans import plan_stop_link
        from saas.fieldsales.rollup import ROLLUP_EVENTS, on_event

        consumer_register("field_rollup", on_event, events=ROLLUP_EVENTS)
        consumer_register("field_plans", plan_stop_link, events={"visit.checked_in"})
        visibility_register("work_log", work_log_visible)
