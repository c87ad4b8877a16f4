from odoo import fields, models


class MofficeDocumentCommentRequest(models.TransientModel):
    """Ask colleagues and leaders for their comments on a document by a date."""

    _name = "moffice.document.comment.request"
    _description = "Ask for comments"

    document_ids = fields.Many2many("moffice.document", required=True)
    user_ids = fields.Many2many("res.users", string="Ask", required=True, domain=[("share", "=", False)])
    date_due = fields.Date(string="Due date", required=True)
    note = fields.Text(string="Question")

    def action_request(self):
        self.ensure_one()
        self.document_ids._request_comments(self.user_ids.ids, self.date_due, self.note)
        return {"type": "ir.actions.act_window_close"}
