from odoo import fields, models


class MofficeDocumentReason(models.TransientModel):
    """The text that goes with a transition: a leader's reason to return,
    cancel or recall documents, the issuer's recall notice of a withdrawn
    one, or the handler's result when closing one."""

    _name = "moffice.document.reason"
    _description = "Document transition with a reason or result"

    document_ids = fields.Many2many("moffice.document", required=True)
    action = fields.Selection(
        [
            ("return", "Return"),
            ("return_to_sender", "Return to the sender"),
            ("cancel", "Cancel"),
            ("done", "Mark as handled"),
            ("recall", "Recall"),
            ("withdraw", "Withdraw (recalled by its issuer)"),
        ],
        required=True,
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        steps = {
            "return": self.document_ids._return,
            "return_to_sender": self.document_ids._return_to_sender,
            "cancel": self.document_ids._cancel,
            "done": self.document_ids._mark_done,
            "recall": self.document_ids._recall,
            "withdraw": self.document_ids._withdraw,
        }
        steps[self.action](self.reason)
        return {"type": "ir.actions.act_window_close"}
