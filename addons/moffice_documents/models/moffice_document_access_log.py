from odoo import api, fields, models
from odoo.tools import SQL

EVENTS = [
    ("open", "Opened"),
    ("download", "Downloaded a file"),
    ("print", "Printed a report"),
]


def execute_log_insert(env, query):
    """Run a log's INSERT ``query``. On a read-only cursor (a read-only
    route, or a replica) it goes through its own read/write cursor, as Odoo's
    device log does, once the read-only transaction (nothing written) ended."""
    if env.cr.readonly:
        env.cr.rollback()
        with env.registry.cursor() as cr:
            cr.execute(query)
    else:
        env.cr.execute(query)


class MofficeDocumentAccessLog(models.Model):
    """Who opened a document, downloaded one of its files or printed it, and
    when (Decree 30, Appendix VI-III-5a, 6a, 6l: access and view history).

    Written only by the hooks of the ways a document is read (its form,
    ``read``, the files served by ``ir.binary``, its printed reports), one
    INSERT per event, whoever the caller is; nobody creates, changes or
    deletes an entry (read-only access rights). The document administrators
    read every entry, the system administrators the entries of the documents
    they may read (not the confidential ones unless granted), everyone else
    their own entries.
    """

    _name = "moffice.document.access.log"
    _description = "M-Office document access history"
    _order = "date desc, id desc"
    _log_access = False

    document_id = fields.Many2one("moffice.document", required=True, readonly=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    date = fields.Datetime(required=True, readonly=True, index=True)
    event = fields.Selection(EVENTS, string="Access type", required=True, readonly=True)
    detail = fields.Char(string="File or report", readonly=True)
    is_marked = fields.Boolean(
        string="Marked",
        readonly=True,
        help="The copy served carried the mark of the agency, the user and the time.",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    confidentiality = fields.Selection(related="document_id.confidentiality")

    @api.depends("document_id", "event", "detail")
    def _compute_display_name(self):
        events = dict(self._fields["event"]._description_selection(self.env))
        for entry in self:
            entry.display_name = " - ".join(filter(None, [events.get(entry.event), entry.detail]))

    @api.model
    def _record(self, documents, event, detail=None, marked=False, date=None):
        """Record ``event`` on ``documents`` by the current user: one INSERT,
        whatever the user may write, even on a read-only cursor."""
        ids = tuple(documents.ids)
        if not ids:
            return
        query = SQL(
            """INSERT INTO %s (document_id, company_id, user_id, date, event, detail, is_marked)
               SELECT d.id, d.company_id, %s, %s, %s, %s, %s FROM moffice_document d WHERE d.id IN %s""",
            SQL.identifier(self._table),
            self.env.uid,
            date or fields.Datetime.now(),
            event,
            detail,
            bool(marked),
            ids,
        )
        execute_log_insert(self.env, query)
        documents.invalidate_recordset(["access_count"])
