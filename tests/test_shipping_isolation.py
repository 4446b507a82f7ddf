"""Tenant isolation of shipping: shipments, carriers, tracking numbers and sign-back files of alpha
never reach beta, and file paths carry the tenant's schema."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django_tenants.utils import tenant_context

from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.shipping import services
from saas.shipping.models import Carrier, ProofKind, Shipment, SignBackProof
from saas.shipping.services import ProofUpload
from tests.fixtures.catalog import PNG_BYTES
from tests.fixtures.inventory import make_sku
from tests.fixtures.sales import approved_order, sales_customer
from tests.fixtures.tenants import Workspace, client_for, graphql

NUMBER = "SF1385628716739"


def shipped_in(workspace: Workspace, *, signed: bool = False) -> Shipment:
    """An order shipped under NUMBER in the workspace (inside its tenant context)."""
    users = workspace.users
    warehouse = Warehouse.objects.create(code="ISO", name="隔离仓")
    sku = make_sku("ISO-1", "隔离测试商品")
    stock_entry_create(
        actor=users["warehouse"],
        warehouse_id=warehouse.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=sku.pk, quantity="5", unit_cost="10")],
    )
    order = approved_order(
        actor=users["sales"],
        approver=users["manager"],
        customer=sales_customer(owner=users["sales"]),
        warehouse=warehouse,
        lines=[(sku, "1", "20")],
    )
    shipment = services.shipment_create(actor=users["warehouse"], order_id=order.pk, tracking_number=NUMBER)
    if signed:
        services.shipment_sign_back(
            actor=users["warehouse"],
            shipment_id=shipment.pk,
            proofs=[ProofUpload(ProofKind.PHOTO, ContentFile(PNG_BYTES, name="a.png"))],
        )
    return shipment


def test_the_same_tracking_number_is_fine_in_two_workspaces(alpha: Workspace, beta: Workspace) -> None:
    with tenant_context(alpha.tenant):
        in_alpha = shipped_in(alpha)
    with tenant_context(beta.tenant):
        in_beta = shipped_in(beta)
        assert Shipment.objects.filter(tracking_number=NUMBER).count() == 1
    assert in_alpha.tracking_number == in_beta.tracking_number == NUMBER


def test_beta_never_sees_alphas_shipments_or_carriers(alpha: Workspace, beta: Workspace) -> None:
    with tenant_context(alpha.tenant):
        shipment = shipped_in(alpha)
        services.carrier_create(actor=alpha.users["warehouse"], code="ONLYA", name_zh="阿尔法专线")
    beta_client = client_for(beta, beta.users["owner"])
    by_id = graphql(beta_client, f'{{ shipment(id: "{shipment.pk}") {{ number }} }}')
    assert by_id["errors"][0]["extensions"]["code"] == "not_found"
    listed = graphql(beta_client, "{ shipments { totalCount } carriers(includeInactive: true) { code } }")
    assert listed["data"]["shipments"]["totalCount"] == 0
    assert "ONLYA" not in {c["code"] for c in listed["data"]["carriers"]}
    lookup = graphql(beta_client, f'{{ shipmentLookup(code: "{NUMBER}") {{ number }} }}')
    assert lookup["data"]["shipmentLookup"] == []
    with tenant_context(beta.tenant):
        assert not Carrier.objects.filter(code="ONLYA").exists()
        assert Carrier.objects.filter(is_builtin=True).count() == 9


def test_sign_back_files_carry_the_schema_and_are_not_served_to_beta(
    alpha: Workspace, beta: Workspace, shipping_urls: None, media_root: Any
) -> None:
    with tenant_context(alpha.tenant):
        shipment = shipped_in(alpha, signed=True)
        proof = SignBackProof.objects.get(shipment=shipment)
    assert proof.file.name.startswith(f"tenants/{alpha.tenant.schema_name}/shipping/signbacks/")
    url = f"/shipping/proofs/{proof.pk}/"
    assert client_for(alpha, alpha.users["warehouse"]).get(url).status_code == 200
    refused = client_for(beta, beta.users["owner"]).get(url)
    assert refused.status_code == 404
    # even a beta row naming alpha's file (a restore gone wrong) is not served
    with tenant_context(beta.tenant):
        beta_shipment = shipped_in(beta)
        forged = SignBackProof.objects.create(
            shipment=beta_shipment, kind=ProofKind.PHOTO, file=proof.file.name, created_by=beta.users["owner"]
        )
    assert client_for(beta, beta.users["owner"]).get(f"/shipping/proofs/{forged.pk}/").status_code == 404
    with tenant_context(beta.tenant):
        signed = shipped_in_second(beta)
        beta_proof = SignBackProof.objects.get(shipment=signed)
    assert beta_proof.file.name.startswith(f"tenants/{beta.tenant.schema_name}/shipping/signbacks/")


def shipped_in_second(workspace: Workspace) -> Shipment:
    users = workspace.users
    shipment = Shipment.objects.get(tracking_number=NUMBER)
    order = shipment.order
    # a second order of the same customer and SKU, shipped and signed under another number
    second = approved_order(
        actor=users["sales"],
        approver=users["manager"],
        customer=order.customer,
        warehouse=order.warehouse,
        lines=[(order.lines.get().sku, "1", "20")],
    )
    shipped = services.shipment_create(
        actor=users["warehouse"], order_id=second.pk, tracking_number="JT5261988016578"
    )
    services.shipment_sign_back(
        actor=users["warehouse"],
        shipment_id=shipped.pk,
        proofs=[ProofUpload(ProofKind.PHOTO, ContentFile(PNG_BYTES, name="b.png"))],
    )
    return shipped


def test_settings_and_templates_are_per_workspace(alpha: Workspace, beta: Workspace) -> None:
    with tenant_context(alpha.tenant):
        services.shipping_settings_update(actor=alpha.users["warehouse"], signback_overdue_days=2)
        services.print_template_save(
            actor=alpha.users["warehouse"], kind="pick_list", fields=[{"field": "bin", "align": "right"}]
        )
    beta_view = graphql(
        client_for(beta, beta.users["owner"]),
        "{ shippingSettings { signbackOverdueDays } printTemplate(kind: PICK_LIST) { customised } }",
    )
    assert beta_view["data"] == {
        "shippingSettings": {"signbackOverdueDays": 7},
        "printTemplate": {"customised": False},
    }
