from odoo import fields, models


class MofficeIsoReason(models.TransientModel):
    """The text that goes with a step: comments on a draft revision, a
    leader's reason to return it, the owner's note confirming a document at
    its periodic review, or a leader's reason to dispose of records."""

    _name = "moffice.iso.reason"
    _description = "ISO step with a text"

    revision_ids = fields.Many2many("moffice.iso.revision")
    document_ids = fields.Many2many("moffice.iso.document")
    record_ids = fields.Many2many("moffice.iso.record")
    action = fields.Selection(
        [
            ("comment", "Send comments"),
            ("return", "Return"),
            ("confirm_review", "Confirm still valid"),
            ("dispose", "Dispose of"),
        ],
        required=True,
    )
    reason = fields.Text(string="Text")

    def action_confirm(self):
        self.ensure_one()
        steps = {
            "comment": self.revision_ids._comment,
            "return": self.revision_ids._return,
            "confirm_review": self.document_ids._confirm_review,
            "dispose": self.record_ids._dispose,
        }
        steps[self.action](self.reason)
        return {"type": "ir.actions.act_window_close"}
