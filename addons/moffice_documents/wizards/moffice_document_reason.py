from odoo import fields, models


class MofficeDocumentReason(models.TransientModel):
    """The text that goes with a transition: a leader's reason to return or
    cancel documents, or the handler's result when closing one."""

    _name = "moffice.document.reason"
    _description = "Document transition with a reason or result"

    document_ids = fields.Many2many("moffice.document", required=True)
    action = fields.Selection([("return", "Return"), ("cancel", "Cancel"), ("done", "Mark as handled")], required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "return":
            self.document_ids._return(self.reason)
        elif self.action == "cancel":
            self.document_ids._cancel(self.reason)
        else:
            self.document_ids._mark_done(self.reason)
        return {"type": "ir.actions.act_window_close"}
