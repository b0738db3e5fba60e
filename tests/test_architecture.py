"""Guards on how the code is laid out, read from the source with `ast`.

- Who may do what is decided in care/access.py alone: a view never imports roles or
  membership role helpers, and never compares a `.role`; outside care and accounts
  nothing compares a `.role` or asks `role_of` (context processors, the API, commands
  ask `standing_of` and the other helpers of care/access.py), nor names a role or
  filters people by one (care's selectors give the practice's therapists, admins and
  clients).
- Whether a record is the signed-in person's own is asked of care/access.py
  (`is_own_record`): no view compares a client with `request.user.pk`.
- Views parse input, call a selector or a service, and render: no ORM (`.objects`,
  queryset methods, `get_object_or_404`, query APIs from django.db.models). Context
  processors and middleware, which run on every request, ask selectors the same way.
- Templates show a link or a word to one kind of person by asking `nav_standing`
  (care/access.py's Standing), never by comparing the signed-in person's role.

Each failure names the file and line to fix.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# An app's views are views.py or, once it grows, a views/ package of modules.
VIEW_MODULES = sorted(
    [*(ROOT / "cairn").glob("*/views.py"), *(ROOT / "cairn").glob("*/views/*.py")]
)
EVERY_REQUEST_MODULES = sorted(
    [*(ROOT / "cairn").glob("*/context_processors.py"), *(ROOT / "cairn").glob("*/middleware.py")]
)
# Every module outside the apps that own roles (care, accounts), tests and migrations.
OUTSIDE_CARE = sorted(
    path
    for path in (ROOT / "cairn").rglob("*.py")
    if path.relative_to(ROOT / "cairn").parts[0] not in {"care", "accounts"}
    and not {"tests", "migrations"} & set(path.parts)
)

# Names that carry a role decision; views ask care.access (standing_of, require_*,
# access_for, Capability) instead.
ROLE_NAMES = {"Role", "STAFF_ROLES", "role_of", "membership_of", "require_role"}

# Methods only a QuerySet or a manager has (dict.values, list.count, form.save and
# one_commit.defer are left out on purpose: they are not the ORM).
QUERYSET_METHODS = {
    "filter",
    "exclude",
    "order_by",
    "select_related",
    "prefetch_related",
    "annotate",
    "aggregate",
    "get_or_create",
    "update_or_create",
    "values_list",
    "distinct",
    "bulk_create",
    "bulk_update",
    "select_for_update",
    "only",
    "in_bulk",
}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}

TEMPLATES = sorted((ROOT / "cairn").glob("*/templates/**/*.html"))
# The signed-in person's role, however a template might reach it.
VIEWER_ROLE = re.compile(r"\b(nav_role|(request\.)?user\.(membership\.)?role)\b")
# A client (client.pk, goal.client_id, …) compared with the signed-in person, either way
# round: whose record it is, which the view asks access (is_own_record) and passes as is_own.
VIEWER_OWNS = re.compile(
    r"\b(\w+\.)?client(\.pk|_id)\s*[!=]=\s*user\.pk\b|\buser\.pk\s*[!=]=\s*(\w+\.)?client(\.pk|_id)\b"
)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _at(path: Path, lineno: int) -> str:
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return f"{shown}:{lineno}"


def _where(path: Path, node: ast.AST) -> str:
    return _at(path, getattr(node, "lineno", 0))


def role_decisions(path: Path) -> Iterator[str]:
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cairn"):
            for alias in node.names:
                if alias.name in ROLE_NAMES:
                    yield f"{_where(path, node)} imports {alias.name} from {node.module}"
        elif isinstance(node, ast.Name) and node.id in ROLE_NAMES:
            yield f"{_where(path, node)} uses {node.id}"
        elif isinstance(node, ast.Attribute) and node.attr in ROLE_NAMES:
            yield f"{_where(path, node)} uses .{node.attr}"
        elif isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                if isinstance(side, ast.Attribute) and side.attr == "role":
                    yield f"{_where(path, node)} compares .role"


def role_comparisons(path: Path) -> Iterator[str]:
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                if isinstance(side, ast.Attribute) and side.attr == "role":
                    yield f"{_where(path, node)} compares .role"
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name == "role_of":
                yield f"{_where(path, node)} uses role_of"


# The demo data gives its made-up people their roles: the one module outside care
# that names them.
GIVES_ROLES = {ROOT / "cairn" / "home" / "demo.py"}


def role_lookups(path: Path) -> Iterator[str]:
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in {"Role", "STAFF_ROLES"}:
                yield f"{_where(path, node)} uses {name}"
        elif isinstance(node, ast.keyword) and node.arg and "role" in node.arg.split("__"):
            yield f"{_where(path, node)} filters by {node.arg}"


def _names_a_client(node: ast.expr) -> bool:
    """`client.pk`, `entry.client_id` and the like: the client whose record it is."""
    if not isinstance(node, ast.Attribute):
        return False
    return node.attr == "client_id" or (
        node.attr == "pk" and isinstance(node.value, ast.Name) and node.value.id == "client"
    )


def own_record_comparisons(path: Path) -> Iterator[str]:
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Compare) and all(
            isinstance(op, ast.Eq | ast.NotEq) for op in node.ops
        ):
            sides = [node.left, *node.comparators]
            if any(ast.unparse(side) == "request.user.pk" for side in sides) and any(
                _names_a_client(side) for side in sides
            ):
                yield f"{_where(path, node)} compares a client with request.user.pk"


def orm_calls(path: Path) -> Iterator[str]:
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "django.db.models" or node.module.startswith("django.db.models."):
                names = ", ".join(alias.name for alias in node.names)
                yield f"{_where(path, node)} imports {names} from {node.module}"
            for alias in node.names:
                if alias.name in SHORTCUTS:
                    yield f"{_where(path, node)} imports {alias.name}"
        elif isinstance(node, ast.Attribute):
            if node.attr == "objects":
                yield f"{_where(path, node)} uses .objects"
            elif node.attr in QUERYSET_METHODS:
                yield f"{_where(path, node)} calls .{node.attr}()"


def viewer_role_uses(path: Path) -> Iterator[str]:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        for match in VIEWER_ROLE.finditer(line):
            yield f"{_at(path, number)} uses {match.group(0)}"


def viewer_owns_uses(path: Path) -> Iterator[str]:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if VIEWER_OWNS.search(line):
            yield f"{_at(path, number)} compares a client with user.pk"


# Each guard: the modules it reads, what it looks for, and where to go instead.
GUARDS = {
    "no_view_decides_access_by_role": (
        VIEW_MODULES,
        role_decisions,
        "Ask cairn/care/access.py instead",
    ),
    "only_care_compares_roles": (
        OUTSIDE_CARE,
        role_comparisons,
        "Ask cairn/care/access.py (standing_of) instead",
    ),
    "only_care_looks_people_up_by_role": (
        [path for path in OUTSIDE_CARE if path not in GIVES_ROLES],
        role_lookups,
        "Ask cairn/care/selectors.py (therapists_of and the like)",
    ),
    "no_template_decides_by_the_viewers_role": (
        TEMPLATES,
        viewer_role_uses,
        "Ask nav_standing (care/access.py's Standing) instead",
    ),
    "no_template_decides_whose_record_it_is": (
        TEMPLATES,
        viewer_owns_uses,
        "Pass is_own from the view (care/access.py's is_own_record) instead",
    ),
    "no_view_decides_whose_record_it_is": (
        VIEW_MODULES,
        own_record_comparisons,
        "Ask cairn/care/access.py (is_own_record) instead",
    ),
    "no_view_queries_the_database": (
        VIEW_MODULES,
        orm_calls,
        "Move this into the app's selectors or services",
    ),
    "no_context_processor_or_middleware_queries_the_database": (
        EVERY_REQUEST_MODULES,
        orm_calls,
        "Move this into the app's selectors",
    ),
}


def test_the_guards_find_what_they_read():
    # A guard checks nothing if its glob finds nothing.
    assert len(VIEW_MODULES) >= 10
    assert len(EVERY_REQUEST_MODULES) >= 5
    assert all(modules for modules, _, _ in GUARDS.values())


@pytest.mark.parametrize(("modules", "finder", "instead"), GUARDS.values(), ids=GUARDS.keys())
def test_the_code_keeps_the_rule(modules, finder, instead):
    found = [line for path in modules for line in finder(path)]
    assert not found, f"{instead}:\n" + "\n".join(found)


def test_the_guards_catch_what_they_are_for(tmp_path):
    # Each guard can fail: a view written the old way is caught, line by line.
    sample = tmp_path / "views.py"
    sample.write_text(
        "from django.db.models import Q\n"
        "from cairn.care.models import Role\n"
        "def v(request, pk):\n"
        "    if request.user.membership.role == Role.ADMIN:\n"
        "        return Goal.objects.filter(Q(pk=pk))\n"
        "    is_own = client.pk == request.user.pk or request.user.pk != entry.client_id\n"
    )
    roles = list(role_decisions(sample))
    compared = list(role_comparisons(sample))
    orm = list(orm_calls(sample))
    assert "views.py:2 imports Role from cairn.care.models" in roles
    assert "views.py:4 compares .role" in roles
    assert compared == ["views.py:4 compares .role"]
    assert "views.py:4 uses Role" in list(role_lookups(sample))
    lookup = tmp_path / "selectors.py"
    lookup.write_text("admins = Membership.objects.filter(role__in=admin_roles)\n")
    assert list(role_lookups(lookup)) == ["selectors.py:1 filters by role__in"]
    assert "views.py:1 imports Q from django.db.models" in orm
    assert "views.py:5 uses .objects" in orm
    assert "views.py:5 calls .filter()" in orm
    whose = list(own_record_comparisons(sample))
    assert whose == ["views.py:6 compares a client with request.user.pk"] * 2
    page = tmp_path / "page.html"
    page.write_text('<p>\n{% if nav_role == "admin" %}<a href="/edit">Edit</a>{% endif %}</p>\n')
    assert list(viewer_role_uses(page)) == ["page.html:2 uses nav_role"]
    mine = tmp_path / "mine.html"
    mine.write_text(
        "{% if goal.client_id == user.pk %}Log a win{% endif %}\n"
        "{% if change.proposed_by_id == user.pk %}You{% endif %}\n"
        "{% if user.pk != client.pk %}Propose{% endif %}\n"
    )
    assert list(viewer_owns_uses(mine)) == [
        "mine.html:1 compares a client with user.pk",
        "mine.html:3 compares a client with user.pk",
    ]
