"""Indexes for searches that ignore Vietnamese diacritics and case.

Odoo compares ``unaccent(column) ILIKE unaccent(value)`` in every ilike
search when the database has PostgreSQL's ``unaccent`` (server option
``unaccent``, see README): "tham dinh" finds "THẨM ĐỊNH", "dong" finds
"Đồng". A trigram index serves such a search only if it was built on the
same ``unaccent`` expression.
"""

from odoo.modules.db import FunctionStatus
from odoo.tools import SQL, make_index_name


def has_unaccent(env):
    """Whether searches ignore diacritics, with indexes (an immutable ``unaccent``)."""
    return env.registry.has_unaccent == FunctionStatus.INDEXABLE


def ensure_trigram_index(env, table, column, name=None, where=None):
    """Create the trigram index of ``column`` (through ``unaccent`` when the
    database has it), or rebuild it when it was built the other way (a
    database where ``unaccent`` was enabled later)."""
    if not env.registry.has_trigram:
        return
    cr = env.cr
    name = name or make_index_name(table, column)
    unaccent = has_unaccent(env)
    cr.execute(SQL("SELECT indexdef FROM pg_indexes WHERE indexname = %s", name))
    existing = cr.fetchone()
    if existing and ("unaccent(" in existing[0]) == unaccent:
        return
    if existing:
        cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
    expression = SQL.identifier(column)
    cr.execute(
        SQL(
            "CREATE INDEX %s ON %s USING gin (%s gin_trgm_ops)%s",
            SQL.identifier(name),
            SQL.identifier(table),
            env.registry.unaccent(expression) if unaccent else expression,
            SQL(" WHERE %s", where) if where else SQL(),
        )
    )
