from odoo import fields, models


class MofficeIsoReviewRequest(models.TransientModel):
    """Ask chosen people for their comments on a draft revision by a due date."""

    _name = "moffice.iso.review.request"
    _description = "ISO revision: ask for comments"

    revision_ids = fields.Many2many("moffice.iso.revision", required=True)
    user_ids = fields.Many2many("res.users", string="Ask", required=True, domain=[("share", "=", False)])
    date_due = fields.Date(string="Comments due", required=True)
    note = fields.Text(string="Request")

    def action_confirm(self):
        self.ensure_one()
        self.revision_ids._ask_review(self.user_ids, self.date_due, self.note)
        return {"type": "ir.actions.act_window_close"}
