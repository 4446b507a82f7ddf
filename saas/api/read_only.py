"""GraphQL in a read-only workspace: reads run in a read-only session, mutations are refused.

The tenant middleware marks the request (`request.workspace_read_only`); this extension, after
parsing and validation, refuses a mutation whose root fields are not all writable ones (sign-in,
sign-out, billing) with code `workspace_read_only` and `extensions.billingUrl`, and runs every
other operation in `read_only_session()`, so the database refuses any write a query might make.
"""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from graphql import GraphQLError, OperationDefinitionNode, OperationType
from saas.api.partner_access import root_fields
from saas.core.read_only import BILLING_PATH, read_only_error, read_only_session

# Root mutations a read-only workspace may still run: the session's, and paying. A billing
# mutation added later joins by its name starting with "billing".
WRITABLE_MUTATIONS = frozenset({"login", "logout"})


def writable_mutation(name: str) -> bool:
    return name in WRITABLE_MUTATIONS or name.startswith("billing") or name.startswith("__")


def refusal() -> GraphQLError:
    error = read_only_error()
    return GraphQLError(error.message, original_error=error, extensions={"billingUrl": BILLING_PATH})


class ReadOnlyWorkspace(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        request = getattr(context.context, "request", None)
        document = context.graphql_document
        if (
            not getattr(request, "workspace_read_only", False)
            or document is None
            or context.result is not None
        ):
            yield
            return
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        named = context.operation_name
        operation = next(
            (o for o in operations if not named or (o.name is not None and o.name.value == named)), None
        )
        if operation is not None and operation.operation == OperationType.MUTATION:
            if all(writable_mutation(name) for name in root_fields(document, operation.selection_set)):
                yield  # signing in or out, paying: these write
                return
            context.result = self.refuse_mutation()
            if context.result is not None:
                yield
                return
        with read_only_session():
            yield

    def refuse_mutation(self) -> ExecutionResult | None:
        """The answer to a mutation of a read-only workspace, before it runs. (The database would
        refuse its writes anyway; a test turns this off to prove it.)"""
        return ExecutionResult(data=None, errors=[refusal()])
