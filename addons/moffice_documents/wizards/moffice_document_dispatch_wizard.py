from odoo import fields, models


class MofficeDocumentDispatchWizard(models.TransientModel):
    """The clerk records what was handed to the post office for released documents."""

    _name = "moffice.document.dispatch.wizard"
    _description = "Record a postal dispatch"

    document_ids = fields.Many2many("moffice.document", required=True)
    date_dispatch = fields.Date(string="Dispatch date", required=True, default=fields.Date.context_today)
    recipient_ids = fields.Many2many("res.partner", string="Addressees")
    recipients_note = fields.Char(string="Other addressees")
    envelope_count = fields.Integer(string="Envelopes", required=True, default=1)
    note = fields.Char()

    def action_confirm(self):
        self.ensure_one()
        self.document_ids._dispatch(
            {
                "date_dispatch": self.date_dispatch,
                "recipient_ids": [fields.Command.set(self.recipient_ids.ids)],
                "recipients_note": self.recipients_note,
                "envelope_count": self.envelope_count,
                "note": self.note,
            }
        )
        return {"type": "ir.actions.act_window_close"}
