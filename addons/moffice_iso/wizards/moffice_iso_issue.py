from odoo import fields, models


class MofficeIsoIssue(models.TransientModel):
    """Issue an approved revision: the day it comes into force."""

    _name = "moffice.iso.issue"
    _description = "ISO revision: issue"

    revision_ids = fields.Many2many("moffice.iso.revision", required=True)
    date_effective = fields.Date(
        string="Effective date",
        required=True,
        help="From this day the revision is current and the one it replaces is obsolete.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.revision_ids._issue(self.date_effective)
        return {"type": "ir.actions.act_window_close"}
