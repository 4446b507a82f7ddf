"""The GraphQL fuzzer: queries and mutations generated from graphql/schema.graphql, sent over HTTP to a
seeded workspace as a full-scope partner key and as its owner, never get a 500, an error without a
code or with `internal_error`, or a message that leaks internals (issue 13: fuzzing in CI).

hypothesis-graphql builds each document for one root field, every field in turn, with values for
every scalar that are plausible five times in six and hostile otherwise: control characters,
huge and odd unicode strings, SQL- and path-like text, non-finite and overlong decimals,
impossible dates and times without an offset, ids of another workspace's rows and ids that are
no ids. Our ids are moved to the table their field names (a `customerId` gets a customer's id),
every mutation payload is asked for its errors, and half the documents carry their arguments
as variables, as partners send them. Negative mode adds documents that break the schema once.
The workspace is seeded with a row of every kind; each example runs in a savepoint that is
rolled back, with the cache cleared, so each starts from the same workspace.

Reproducible: the seed is FUZZ_SEED and no example database is kept, so a run makes the same
choices everywhere (row ids differ with what ran before; the choices among them do not). About
5,000 documents, a minute and a half on two cores. A longer hunt:
SPARROW_FUZZ_SCALE=10 (ten times the examples) and SPARROW_FUZZ_SEED=<n> (elsewhere).
Every defect the fuzzer found stays as a test of its own (tests/test_graphql_fuzz_findings.py); the
machinery is in tests/fixtures/fuzz.py and fuzz_documents.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.cache import cache
from django.test import Client
from hypothesis import given, seed
from hypothesis_graphql._strategies.negative_sites import enumerate_violation_sites

from tests.fixtures.fuzz import (
    Fuzzed,
    check_answer,
    fuzz_fields,
    fuzz_settings,
    reached_resolvers,
    root_fields,
)
from tests.fixtures.fuzz_documents import FUZZ_SEED, SCHEMA, bodies, content_types

if TYPE_CHECKING:
    pass


def test_a_full_scope_key_never_gets_a_500_or_a_leak_from_generated_queries(fuzzed: Fuzzed) -> None:
    answers = fuzz_fields(
        fuzzed, root="Query", as_key=True, fields=root_fields("Query", people_only=False), examples=20
    )
    assert reached_resolvers(answers), answers


def test_a_full_scope_key_never_gets_a_500_or_a_leak_from_generated_mutations(fuzzed: Fuzzed) -> None:
    fields = root_fields("Mutation", people_only=False)
    answers = fuzz_fields(fuzzed, root="Mutation", as_key=True, fields=fields, examples=20)
    assert reached_resolvers(answers), answers
    assert answers.get("200 ran", 0) >= len(fields) / 2, answers  # some writes went through


def test_the_owner_never_gets_a_500_or_a_leak_from_generated_people_only_fields(fuzzed: Fuzzed) -> None:
    for root in ("Query", "Mutation"):
        answers = fuzz_fields(
            fuzzed, root=root, as_key=False, fields=root_fields(root, people_only=True), examples=30
        )
        assert reached_resolvers(answers), answers


def test_documents_that_break_the_schema_are_query_invalid_with_nothing_leaked(fuzzed: Fuzzed) -> None:
    # hypothesis-graphql's negative mode: each document breaks the schema once (a wrong type, a
    # missing required argument, an unknown enum value); fields without arguments have nothing to break,
    # nor have those whose only arguments are optional ones of our own scalars (fieldTeamDay's Date).
    for root in ("Query", "Mutation"):
        type_ = SCHEMA.query_type if root == "Query" else SCHEMA.mutation_type
        assert type_ is not None
        breakable = {site.path[0].field_name for site in enumerate_violation_sites(SCHEMA, type_)}
        fields = [
            name
            for name in root_fields(root, people_only=False)
            if type_.fields[name].args and name in breakable
        ]
        answers = fuzz_fields(fuzzed, root=root, as_key=True, fields=fields, examples=5, negative=True)
        assert set(answers) == {"200 query_invalid"}, answers


@seed(FUZZ_SEED)
@fuzz_settings(100)
@given(body=bodies, content_type=content_types)
def test_any_request_body_gets_a_json_answer_with_a_code(
    partner: Client, body: bytes, content_type: str
) -> None:
    cache.clear()
    response = partner.post("/graphql/", body, content_type=content_type)
    check_answer(response, body.decode("utf-8", "replace"))
