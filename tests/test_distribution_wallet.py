"""The wallets: finance's records (prepayments, payouts, adjustments), balances that always equal
the sum of their entries (a property test and the check command), an append-only ledger, and
who may record or read what."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django_tenants.utils import tenant_context
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saas.cli import main as sparrow
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.distribution.checks import wallet_check
from saas.distribution.models import Wallet, WalletEntry
from saas.distribution.selectors.wallet import wallet_entries, wallet_mismatches
from saas.distribution.services import wallet
from tests.fixtures.distribution import Network


def balances(network: Network, distributor) -> tuple[int, int]:
    row = Wallet.objects.get(distributor=distributor)
    return row.cash_fen, row.rebate_fen


def test_finance_records_prepayments_and_payouts_with_a_reference(network: Network):
    finance = network.finance
    entry = wallet.wallet_prepayment_record(
        actor=finance,
        distributor_id=network.hz.pk,
        amount="1000.50",
        reference="ICBC-2026-0001",
        note="首笔预付",
    )
    assert (entry.kind, entry.pocket, entry.amount_fen, entry.balance_after_fen) == (
        "prepayment",
        "cash",
        100050,
        100050,
    )
    assert entry.number.startswith("WE-") and entry.actor_id == finance.pk
    payout = wallet.wallet_payout_record(
        actor=finance, distributor_id=network.hz.pk, amount="300", reference="PAY-77"
    )
    assert (payout.amount_fen, payout.balance_after_fen) == (-30000, 70050)
    assert balances(network, network.hz) == (70050, 0)
    with pytest.raises(InvalidInput) as excinfo:
        wallet.wallet_payout_record(
            actor=finance, distributor_id=network.hz.pk, amount="700.51", reference="PAY-78"
        )
    assert (excinfo.value.code, excinfo.value.field) == ("insufficient_balance", "amount")
    with pytest.raises(InvalidInput) as excinfo:
        wallet.wallet_prepayment_record(
            actor=finance, distributor_id=network.hz.pk, amount="10", reference=" "
        )
    assert (excinfo.value.code, excinfo.value.field) == ("required", "reference")
    for bad in ("0", "-5", "1.001", "NaN", "abc"):
        with pytest.raises(InvalidInput) as excinfo:
            wallet.wallet_prepayment_record(
                actor=finance, distributor_id=network.hz.pk, amount=bad, reference="X"
            )
        assert excinfo.value.code == "amount_invalid", bad
    assert balances(network, network.hz) == (70050, 0)


def test_adjustments_move_either_pocket_and_never_below_zero(network: Network):
    finance = network.finance
    wallet.wallet_adjust(
        actor=finance, distributor_id=network.nb.pk, amount="88.80", pocket="rebate", note="返利"
    )
    wallet.wallet_adjust(
        actor=finance, distributor_id=network.nb.pk, amount="-8.80", pocket="rebate", note="更正"
    )
    assert balances(network, network.nb) == (0, 8000)
    with pytest.raises(InvalidInput) as excinfo:
        wallet.wallet_adjust(
            actor=finance, distributor_id=network.nb.pk, amount="-80.01", pocket="rebate", note="x"
        )
    assert excinfo.value.code == "insufficient_rebate"
    with pytest.raises(InvalidInput) as excinfo:
        wallet.wallet_adjust(actor=finance, distributor_id=network.nb.pk, amount="5", note="  ")
    assert excinfo.value.code == "required" and excinfo.value.field == "note"
    with pytest.raises(InvalidInput) as excinfo:
        wallet.wallet_adjust(actor=finance, distributor_id=network.nb.pk, amount="5", pocket="gold", note="x")
    assert excinfo.value.code == "pocket_invalid"


def test_a_retried_record_is_written_once(network: Network):
    for _ in range(2):
        entry = wallet.wallet_prepayment_record(
            actor=network.finance,
            distributor_id=network.hz.pk,
            amount="50",
            reference="BANK-9",
            idempotency_key="prepay-hz-0001",
        )
    assert WalletEntry.objects.filter(distributor=network.hz).count() == 1
    assert entry.amount_fen == 5000


@pytest.mark.parametrize("role", ["manager", "sales", "warehouse", "distributor"])
def test_only_finance_records_money(network: Network, role: str):
    with pytest.raises(Forbidden):
        wallet.wallet_prepayment_record(
            actor=network.selling.user(role), distributor_id=network.hz.pk, amount="1", reference="X"
        )
    with pytest.raises(Forbidden):
        wallet.wallet_adjust(
            actor=network.selling.user(role), distributor_id=network.hz.pk, amount="1", note="x"
        )
    assert not WalletEntry.objects.exists()


def test_entries_are_append_only_in_the_database(network: Network):
    network.fund(network.hz, "10")
    entry = WalletEntry.objects.get(distributor=network.hz)
    for statement in (
        "UPDATE distribution_walletentry SET amount_fen = 1",
        "DELETE FROM distribution_walletentry",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement + " WHERE id = %s", [entry.pk])
    assert WalletEntry.objects.get(pk=entry.pk).amount_fen == 1000


def test_who_reads_a_wallet(network: Network):
    network.fund(network.hz, "10")
    network.fund(network.nb, "20")
    assert [e.amount_fen for e in wallet_entries(actor=network.agent, distributor_id=network.hz.pk)] == [1000]
    with pytest.raises(NotFound):  # another distributor's wallet is not found for a distributor
        wallet_entries(actor=network.agent, distributor_id=network.nb.pk)
    for role in ("owner", "manager", "finance"):
        assert wallet_entries(actor=network.selling.user(role), distributor_id=network.nb.pk).count() == 1
    for role in ("sales", "warehouse"):
        with pytest.raises(Forbidden):
            wallet_entries(actor=network.selling.user(role), distributor_id=network.nb.pk)
    with pytest.raises(InvalidInput):
        wallet_entries(actor=network.manager, distributor_id=network.nb.pk, kind="bonus")


def test_another_workspace_never_reaches_these_wallets(network: Network, beta):
    network.fund(network.hz, "10")
    hz_id = network.hz.pk
    with tenant_context(beta.tenant):
        with pytest.raises(NotFound):
            wallet_entries(actor=beta.users["finance"], distributor_id=hz_id)
        with pytest.raises(NotFound):
            wallet.wallet_prepayment_record(
                actor=beta.users["finance"], distributor_id=hz_id, amount="1", reference="X"
            )


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["prepayment", "payout", "adjust_cash", "adjust_rebate"]),
        st.sampled_from(["hz", "nb", "top"]),
        st.integers(min_value=1, max_value=500_000),  # fen
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS, seed=st.integers(min_value=0, max_value=10**6))
def test_balances_always_equal_the_sum_of_their_entries(network: Network, operations, seed: int):
    """Any sequence of records, refused ones included, leaves every balance equal to its ledger."""
    rng = random.Random(seed)
    expected: dict[tuple[int, str], int] = {}
    with transaction.atomic():
        savepoint = transaction.savepoint()
        for kind, who, fen in operations:
            distributor = getattr(network, who)
            amount = Decimal(fen) / 100
            sign = -1 if kind.startswith("adjust") and rng.random() < 0.4 else 1
            pocket = "rebate" if kind == "adjust_rebate" else "cash"
            key = (distributor.pk, pocket)
            try:
                if kind == "prepayment":
                    wallet.wallet_prepayment_record(
                        actor=network.finance, distributor_id=distributor.pk, amount=amount, reference="R"
                    )
                    delta = fen
                elif kind == "payout":
                    wallet.wallet_payout_record(
                        actor=network.finance, distributor_id=distributor.pk, amount=amount, reference="P"
                    )
                    delta = -fen
                else:
                    wallet.wallet_adjust(
                        actor=network.finance,
                        distributor_id=distributor.pk,
                        amount=sign * amount,
                        pocket=pocket,
                        note="t",
                    )
                    delta = sign * fen
            except InvalidInput as refused:
                assert refused.code in ("insufficient_balance", "insufficient_rebate")
                assert expected.get(key, 0) - fen < 0  # refused only when it would go below zero
                continue
            expected[key] = expected.get(key, 0) + delta
            assert expected[key] >= 0
        assert wallet_mismatches() == []
        for (distributor_id, pocket), fen in expected.items():
            row = Wallet.objects.get(distributor_id=distributor_id)
            assert (row.cash_fen if pocket == "cash" else row.rebate_fen) == fen
        transaction.savepoint_rollback(savepoint)


def test_the_check_command_finds_a_balance_that_disagrees(network: Network, capsys):
    network.fund(network.hz, "12.34", rebate="1")
    lines, failures = wallet_check("alpha")
    assert failures == 0 and lines == ["alpha: ok"]
    Wallet.objects.filter(distributor=network.hz).update(cash_fen=1)  # a bug writing the balance alone
    lines, failures = wallet_check("alpha")
    assert failures == 1
    assert lines[0] == f"alpha: distributor {network.hz.pk} cash: balance 1 fen vs entries 1234 fen"
    assert sparrow(["distribution-wallet-check", "--workspace", "alpha"]) == 1
    assert "1 mismatches" in capsys.readouterr().out
    assert wallet_check("no-such-workspace")[1] == 1
