"""The H5 shell's GraphQL operations live in mobile_shell/api/<domain>.js and each validates against
the checked-in schema, so a change of the API that breaks a screen fails here rather than on a phone.

The api modules are read without running JavaScript, so they keep to a small grammar this test
understands fully: comments, `import { A, B } from './x.js';` and `export const NAME = ...;` whose
value is template literals without `${` and names of other such constants joined by `+` (an
operation followed by the fragments it spreads). Anything else in them fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

from graphql.error import GraphQLSyntaxError

from graphql import (
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationDefinitionNode,
    build_schema,
    parse,
    validate,
)

REPO = Path(__file__).resolve().parents[1]
SHELL = REPO / "mobile_shell"
API = SHELL / "api"

COMMENT = re.compile(r"/\*.*?\*/|^\s*//[^\n]*$", re.DOTALL | re.MULTILINE)
IMPORT = re.compile(r"import \{([^}]*)\} from '\./([a-z_]+)\.js';")
EXPORT = re.compile(
    r"export const ([A-Z][A-Z0-9_]*) = ((?:`[^`]*`|[A-Z][A-Z0-9_]*)(?:\s*\+\s*(?:`[^`]*`|[A-Z][A-Z0-9_]*))*);"
)
IMPORT_STATEMENT = re.compile(r"^import [^;]*;$", re.MULTILINE)
TERM = re.compile(r"`([^`]*)`|([A-Z][A-Z0-9_]*)")
# A GraphQL document in a string literal of a module outside api/: query/mutation/subscription
# (named or not) followed by its variables or selection, or a fragment definition.
INLINE_OPERATION = re.compile(
    r"""['"`]\s*(?:(?:query|mutation|subscription)\b\s*\w*\s*[({]|fragment\s+\w+\s+on\s)"""
)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


def _parse_module(path: Path) -> tuple[dict[str, str], dict[str, list[str]], list[str]]:
    """A module's raw exports (name → value expression), its imports (module → names), and the
    text it holds that the grammar does not allow."""
    text = COMMENT.sub("", path.read_text(encoding="utf-8"))
    imports: dict[str, list[str]] = {}
    for match in IMPORT.finditer(text):
        imports[match.group(2)] = [name.strip() for name in match.group(1).split(",") if name.strip()]
    exports = {match.group(1): match.group(2) for match in EXPORT.finditer(text)}
    rest = EXPORT.sub("", IMPORT.sub("", text)).strip()
    return exports, imports, [rest[:200]] if rest else []


def load_api() -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Every exported constant of mobile_shell/api/*.js as (module, resolved text), and the
    problems met reading them."""
    raw: dict[str, tuple[dict[str, str], dict[str, list[str]]]] = {}
    problems = []
    for path in sorted(API.glob("*.js")):
        exports, imports, rest = _parse_module(path)
        raw[path.stem] = (exports, imports)
        problems += [f"api/{path.name}: not an operation constant: {text!r}" for text in rest]

    resolved: dict[tuple[str, str], str] = {}

    def value(module: str, name: str, seen: tuple[str, ...] = ()) -> str:
        if (module, name) in resolved:
            return resolved[(module, name)]
        exports, imports = raw[module]
        if name not in exports:
            source = next((other for other, names in imports.items() if name in names), None)
            if source is None or source not in raw:
                raise LookupError(f"api/{module}.js: {name} is neither exported nor imported there")
            return value(source, name, seen)
        if name in seen:
            raise LookupError(f"api/{module}.js: {name} refers to itself")
        parts = []
        for literal, reference in TERM.findall(exports[name]):
            parts.append(literal if not reference else value(module, reference, (*seen, name)))
        resolved[(module, name)] = "".join(parts)  # as JavaScript joins them
        return resolved[(module, name)]

    found: dict[str, tuple[str, str]] = {}
    for module, (exports, _imports) in raw.items():
        for name in exports:
            try:
                text = value(module, name)
            except LookupError as error:
                problems.append(str(error))
                continue
            if "${" in text:
                problems.append(f"api/{module}.js:{name} holds ${{...}}")
            if name in found:
                problems.append(f"api/{module}.js:{name} is also exported by api/{found[name][0]}.js")
            found[name] = (module, text)
    return found, problems


def _schema() -> GraphQLSchema:
    return build_schema((REPO / "graphql" / "schema.graphql").read_text(encoding="utf-8"))


def test_the_api_modules_hold_only_operation_constants():
    found, problems = load_api()
    assert problems == []
    assert len(found) > 150, "found few operations: the api modules or the pattern changed"


def test_every_shell_operation_validates_against_the_schema():
    schema = _schema()
    found, _problems = load_api()
    invalid: dict[str, list[str]] = {}
    operation_names: dict[str, str] = {}
    for name, (module, text) in sorted(found.items()):
        where = f"api/{module}.js:{name}"
        try:
            document = parse(text)
        except GraphQLSyntaxError as error:
            invalid[where] = [error.message]
            continue
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        fragments = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
        if not operations:
            # A fragment on its own: it is checked inside the operations that spread it.
            if len(fragments) != 1 or _snake(fragments[0].name.value) != name:
                invalid[where] = ["a fragment constant holds one fragment named after it"]
            continue
        errors = [error.message for error in validate(schema, document)]
        if len(operations) != 1 or operations[0].name is None:
            errors.append("holds one named operation")
        else:
            operation = operations[0].name.value
            if _snake(operation) != name:
                errors.append(f"is named after its operation {operation} ({_snake(operation)})")
            if operation in operation_names:
                errors.append(f"operation name {operation} is also used by {operation_names[operation]}")
            operation_names[operation] = where
        if errors:
            invalid[where] = errors
    assert invalid == {}


def test_every_operation_is_used_by_the_app():
    found, _problems = load_api()
    # Imports left out: an operation only imported is not used.
    code = "\n".join(
        IMPORT_STATEMENT.sub("", path.read_text(encoding="utf-8"))
        for path in SHELL.rglob("*.js")
        if API not in path.parents
    )
    api_code = "\n".join(path.read_text(encoding="utf-8") for path in API.glob("*.js"))
    unused = [
        f"api/{module}.js:{name}"
        for name, (module, text) in found.items()
        if not re.search(rf"\b{name}\b", code)
        and not (text.lstrip().startswith("fragment") and len(re.findall(rf"\b{name}\b", api_code)) > 1)
    ]
    assert unused == []


def test_no_module_outside_api_writes_an_operation():
    inline = []
    for path in sorted(SHELL.rglob("*.js")):
        if API in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        for match in INLINE_OPERATION.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            inline.append(f"{path.relative_to(SHELL).as_posix()}:{line}")
    assert inline == []


def test_the_inline_pattern_finds_operations():
    # The scan above must not pass because its pattern went blind.
    samples = [
        "const Q = `query Orders($id: ID!) { a }`;",
        "gql('query { me { id } }')",
        'const M = "mutation Save { save { ok } }";',
        "const F = `fragment OrderFields on SalesOrderType { id }`;",
    ]
    assert all(INLINE_OPERATION.search(sample) for sample in samples)
    assert not INLINE_OPERATION.search("t('reports.query') + 'mutation'")


def test_the_enum_paths_are_current():
    # core/graphql.js converts the choice enums (statuses, kinds) at these paths; a stale table
    # would hand a screen PENDING_REVIEW where it compares pending_review.
    from tests.shell_enums import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(), "run `make shell-enums`"


def test_the_enum_paths_cover_statuses_in_and_out():
    from tests.shell_enums import choice_enum_names, enum_paths

    operations = {
        "A": "query A($f: SalesOrderFilter) { salesOrders(filter: $f) { items { state: status number } } }",
        "B": "fragment S on SalesOrder { deliveryMethod } query B { salesOrder(id: 1) { ...S events { toStatus } } }",
        "C": "mutation C($i: CustomerCreateInput!) { customerCreate(input: $i) { customer { id } } }",
        "D": "query D { products(limit: 1) { items { status } } }",
    }
    paths = enum_paths(operations, _schema(), choice_enum_names())
    assert paths == {
        "A": {"variables": ["f.statuses"], "data": ["salesOrders.items.state"]},
        "B": {"variables": [], "data": ["salesOrder.deliveryMethod", "salesOrder.events.toStatus"]},
        "C": {"variables": ["i.kind", "i.source"], "data": []},
    }  # CatalogStatus was an enum before and the app reads it in capitals: not converted
