"""The token of a call, found by its hash with one SQL string built once per process.

Every API call looks its token up, with the person, their membership and practice
(every call asks for their role). Building that SELECT through the ORM cost more CPU
than running it (0.45 of 0.7 ms was compiling), so the queryset is compiled once per
database connection alias, with a stand-in for the hash, and each call only runs the
string with the real hash and turns the row into model instances the way the ORM's
own iterator does (the same converters, the same related objects).
"""

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators

from cairn.api.models import ApiToken

# Stands in for the hash while the SQL is built; never a real hash (those are hex).
_STAND_IN = "<token hash>"

type Lookup = Callable[[str], ApiToken | None]

# Per alias: the vendor it was compiled for and the lookup.
_lookups: dict[str, tuple[str, Lookup]] = {}


def _compile(alias: str) -> Lookup:
    queryset = (
        ApiToken.objects.using(alias)
        .select_related("user__membership__practice")
        .filter(token_hash=_STAND_IN)
        .order_by()[:1]  # the hash is unique: no ORDER BY to build
    )
    compiler = queryset.query.get_compiler(using=alias)
    sql, compiled_params = compiler.as_sql()
    select, klass_info = compiler.select, compiler.klass_info
    assert klass_info is not None and list(compiled_params).count(_STAND_IN) == 1
    slot = list(compiled_params).index(_STAND_IN)
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])
    init_list = [column[0].target.attname for column in select[start:end]]
    fetch_mode = queryset._fetch_mode  # type: ignore[attr-defined]  # as the ORM's iterator
    populators = get_related_populators(klass_info, select, alias, fetch_mode)

    def lookup(hashed: str) -> ApiToken | None:
        params = list(compiled_params)
        params[slot] = hashed
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if converters:
            row = next(iter(compiler.apply_converters([row], converters)))
        token = ApiToken.from_db(alias, init_list, row[start:end], fetch_mode=fetch_mode)
        for populator in populators:
            populator.populate(row, token)
        return token

    return lookup


def token_with_hash(hashed: str, *, alias: str = DEFAULT_DB_ALIAS) -> ApiToken | None:
    """The token whose hash is `hashed`, its person, membership and practice loaded."""
    vendor = connections[alias].vendor
    known = _lookups.get(alias)
    if known is None or known[0] != vendor:
        known = _lookups[alias] = (vendor, _compile(alias))
    return known[1](hashed)
