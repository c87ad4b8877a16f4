from contextlib import contextmanager
from contextvars import ContextVar

from odoo import api, models

# Whether an ORM read that clients call (web_read, read and those that run
# them) is already running in this thread: set by the outermost one only.
_READING = ContextVar("moffice_reading", default=False)


@contextmanager
def client_read():
    """Mark what runs inside as one read a client asked for; yields whether
    this one is the outermost (the one the client called), not a read that
    another one runs for its related records, its list or its form."""
    outermost = not _READING.get()
    token = _READING.set(True)
    try:
        yield outermost
    finally:
        _READING.reset(token)


class Base(models.AbstractModel):
    """The web client's reads mark what they run for related records, so a
    model that logs who opens its records (documents) logs only the record
    the client asked for: not the documents a task's form or a list shows."""

    _inherit = "base"

    @api.model
    @api.readonly
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        with client_read():
            return super().web_search_read(
                domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
            )

    @api.readonly
    def web_read(self, specification):
        with client_read():
            return super().web_read(specification)

    def web_save(self, vals, specification, next_id=None):
        with client_read():
            return super().web_save(vals, specification, next_id=next_id)

    def onchange(self, values, field_names, fields_spec):
        with client_read():
            return super().onchange(values, field_names, fields_spec)
