from odoo import fields, models, tools
from odoo.tools import SQL

# Each counted event of the archive: its unit, its archive, its year.
EVENTS_QUERY = SQL("""
    SELECT f.department_id, f.archive_unit_id, f.company_id,
           EXTRACT(YEAR FROM f.date_start)::int AS year, 'opened' AS event
      FROM moffice_archive_file f
    UNION ALL
    SELECT f.department_id, f.archive_unit_id, f.company_id, EXTRACT(YEAR FROM f.date_end)::int, 'closed'
      FROM moffice_archive_file f WHERE f.date_end IS NOT NULL
    UNION ALL
    SELECT f.department_id, f.archive_unit_id, f.company_id, EXTRACT(YEAR FROM f.date_submitted)::int, 'submitted'
      FROM moffice_archive_file f WHERE f.date_submitted IS NOT NULL
    UNION ALL
    SELECT f.department_id, f.archive_unit_id, f.company_id, EXTRACT(YEAR FROM f.date_kept)::int, 'kept'
      FROM moffice_archive_file f WHERE f.date_kept IS NOT NULL
    UNION ALL
    SELECT f.department_id, f.archive_unit_id, f.company_id, EXTRACT(YEAR FROM f.date_due)::int, 'late'
      FROM moffice_archive_file f
     WHERE f.date_due IS NOT NULL AND (f.warning_stage = 'late' OR f.date_submitted > f.date_due)
    UNION ALL
    SELECT i.department_id, i.archive_unit_id, l.company_id, EXTRACT(YEAR FROM l.date_lent)::int, 'lent'
      FROM moffice_archive_loan l JOIN moffice_archive_item i ON i.id = l.item_id WHERE l.date_lent IS NOT NULL
    UNION ALL
    SELECT i.department_id, i.archive_unit_id, l.company_id, EXTRACT(YEAR FROM l.date_returned)::int, 'returned'
      FROM moffice_archive_loan l JOIN moffice_archive_item i ON i.id = l.item_id WHERE l.date_returned IS NOT NULL
    UNION ALL
    SELECT i.department_id, i.archive_unit_id, l.company_id, EXTRACT(YEAR FROM l.date_until)::int, 'loan_late'
      FROM moffice_archive_loan l JOIN moffice_archive_item i ON i.id = l.item_id
     WHERE l.date_lent IS NOT NULL AND (l.reminder_count > 0 OR l.date_returned > l.date_until)
""")


class MofficeArchiveStatistics(models.Model):
    """The archive's figures per unit and year (Article 3.4: custodians keep
    the statistics of their archive): files opened, closed, submitted, kept
    back and late; items lent, returned and late. A file is late when the
    warning sweep found it past its due date or it was submitted after it;
    a loan when its borrower was reminded or returned it after its date."""

    _name = "moffice.archive.statistics"
    _description = "Archive statistics"
    _auto = False
    _order = "year desc, department_id"
    _depends = {
        "moffice.archive.file": [
            "department_id",
            "archive_unit_id",
            "company_id",
            "date_start",
            "date_end",
            "date_submitted",
            "date_kept",
            "date_due",
            "warning_stage",
        ],
        "moffice.archive.loan": ["item_id", "company_id", "date_lent", "date_returned", "date_until", "reminder_count"],
        "moffice.archive.item": ["department_id", "archive_unit_id"],
    }

    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    archive_unit_id = fields.Many2one("hr.department", string="Archive", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    year = fields.Integer(readonly=True, aggregator=None)
    files_opened = fields.Integer(string="Files opened", readonly=True, aggregator="sum")
    files_closed = fields.Integer(string="Files closed", readonly=True, aggregator="sum")
    files_submitted = fields.Integer(string="Files submitted", readonly=True, aggregator="sum")
    files_kept = fields.Integer(string="Files kept back", readonly=True, aggregator="sum")
    files_late = fields.Integer(string="Files late", readonly=True, aggregator="sum")
    items_lent = fields.Integer(string="Items lent", readonly=True, aggregator="sum")
    items_returned = fields.Integer(string="Items returned", readonly=True, aggregator="sum")
    items_late = fields.Integer(string="Loans late", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT row_number() OVER (ORDER BY year, department_id, archive_unit_id, company_id) AS id,
                       department_id, archive_unit_id, company_id, year,
                       count(*) FILTER (WHERE event = 'opened') AS files_opened,
                       count(*) FILTER (WHERE event = 'closed') AS files_closed,
                       count(*) FILTER (WHERE event = 'submitted') AS files_submitted,
                       count(*) FILTER (WHERE event = 'kept') AS files_kept,
                       count(*) FILTER (WHERE event = 'late') AS files_late,
                       count(*) FILTER (WHERE event = 'lent') AS items_lent,
                       count(*) FILTER (WHERE event = 'returned') AS items_returned,
                       count(*) FILTER (WHERE event = 'loan_late') AS items_late
                  FROM (%s) events
              GROUP BY year, department_id, archive_unit_id, company_id
            )
        """,
                SQL.identifier(self._table),
                EVENTS_QUERY,
            )
        )
