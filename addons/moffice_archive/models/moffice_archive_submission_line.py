from odoo import _, fields, models

RESULTS = [("pending", "To check"), ("accepted", "Accepted"), ("returned", "Returned")]


class MofficeArchiveSubmissionLine(models.Model):
    """A file of a submission and what the archive decided about it; written
    by the files' steps only (read-only to users)."""

    _name = "moffice.archive.submission.line"
    _description = "File of a submission"
    _order = "submission_id, id"

    submission_id = fields.Many2one("moffice.archive.submission", required=True, index=True, ondelete="cascade")
    file_id = fields.Many2one("moffice.archive.file", required=True, index=True, ondelete="restrict")
    code = fields.Char(related="file_id.code")
    name = fields.Char(related="file_id.name", string="Title")
    date_start = fields.Date(related="file_id.date_start")
    date_end = fields.Date(related="file_id.date_end")
    retention_id = fields.Many2one(related="file_id.retention_id")
    page_total = fields.Integer(related="file_id.page_total")
    file_state = fields.Selection(related="file_id.state", string="File state")
    result = fields.Selection(RESULTS, default="pending", required=True, readonly=True)
    reason = fields.Text(readonly=True)
    decided_by_id = fields.Many2one("res.users", string="Checked by", readonly=True)
    date_decided = fields.Date(string="Checked on", readonly=True)
    company_id = fields.Many2one(related="submission_id.company_id", store=True)

    def action_open_accept(self):
        return self.file_id.action_open_accept()

    def action_open_return(self):
        return self.file_id.action_open_return()

    def action_open_file(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("File"),
            "res_model": "moffice.archive.file",
            "res_id": self.file_id.id,
            "view_mode": "form",
        }
