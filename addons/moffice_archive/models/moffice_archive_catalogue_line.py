from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .moffice_archive_file import NOTATION_LENGTH, TITLE_LENGTH, check_lengths


class MofficeArchiveCatalogueLine(models.Model):
    """An entry of the file catalogue: a file a unit will keep this year,
    with its number and symbol, title, retention period and person in charge."""

    _name = "moffice.archive.catalogue.line"
    _description = "File catalogue entry"
    _order = "catalogue_id, department_id, sequence, notation, id"
    _rec_names_search = ["notation", "name"]

    catalogue_id = fields.Many2one("moffice.archive.catalogue", required=True, index=True, ondelete="cascade")
    year = fields.Integer(related="catalogue_id.year", store=True, aggregator=None)
    state = fields.Selection(related="catalogue_id.state", string="Catalogue state")
    sequence = fields.Integer(default=10)
    department_id = fields.Many2one("hr.department", string="Unit", required=True, index=True)
    notation = fields.Char(string="File number and symbol", required=True, help="e.g. 01.VP or QLKH-05 (at most 20).")
    name = fields.Char(string="Title", required=True)
    retention_id = fields.Many2one("moffice.archive.retention", string="Retention period", required=True)
    user_id = fields.Many2one("res.users", string="Person in charge", index=True)
    note = fields.Char()
    file_ids = fields.One2many("moffice.archive.file", "catalogue_line_id", string="Files opened")
    company_id = fields.Many2one(related="catalogue_id.company_id", store=True)

    _sql_constraints = [
        ("notation_unique", "unique(catalogue_id, notation)", "A file number and symbol is used once in a catalogue.")
    ]

    @api.depends("notation", "name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.notation} - {line.name}"

    @api.constrains("notation", "name")
    def _check_lengths(self):
        check_lengths(self, {"notation": NOTATION_LENGTH, "name": TITLE_LENGTH}, "notation")

    def _check_can_open(self):
        """A file is opened from an entry of a published catalogue, by the
        person in charge it names (read whatever the user may see of it)."""
        for line in self.sudo():
            if line.catalogue_id.state != "published":
                raise UserError(
                    _(
                        "%(entry)s is not in a published catalogue: files are opened once it is published.",
                        entry=line.display_name,
                    )
                )
            if line.user_id and line.user_id != self.env.user and not self.env.su:
                raise UserError(
                    _(
                        "%(entry)s is in the charge of %(user)s: they open its file.",
                        entry=line.display_name,
                        user=line.user_id.name,
                    )
                )
