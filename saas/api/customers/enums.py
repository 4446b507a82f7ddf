"""The GraphQL enums of customers: kind, source and communication kind.

Built from the models' TextChoices (saas/api/choices.py).
"""

from __future__ import annotations

from saas.api.choices import ChoiceEnum
from saas.customers import models


class CustomerKind(
    ChoiceEnum,
    choices=models.CustomerKind,
    describe={"company": "A business (企业客户).", "person": "A private person (个人客户)."},
):
    """Whether a customer is a business or a person."""


class CustomerSource(
    ChoiceEnum,
    choices=models.CustomerSource,
    describe={
        "referral": "Referred by someone (转介绍).",
        "walk_in": "Came to the shop (上门).",
        "online": "Found us online (网络).",
        "exhibition": "Met at a trade fair (展会).",
        "cold_call": "Our cold call (陌拜/电话开发).",
        "other": "Anything else.",
    },
):
    """How a customer found us."""


class CommunicationKind(
    ChoiceEnum,
    choices=models.CommunicationKind,
    describe={
        "call": "A phone call (电话).",
        "visit": "A visit (拜访).",
        "message": "A message: WeChat, SMS or email (消息).",
        "other": "Anything else.",
    },
):
    """How we talked to a customer."""
