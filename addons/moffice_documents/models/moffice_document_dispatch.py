from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MofficeDocumentDispatch(models.Model):
    """A postal dispatch of a released document (chuyển giao văn bản qua bưu
    điện): the envelopes the clerk handed to the post office, an entry of
    the postal dispatch register.

    Recorded by the document's step "Record a postal dispatch" only; access
    rights give the clerks and the leaders read access and nothing else, so
    nobody edits or deletes an entry afterwards.
    """

    _name = "moffice.document.dispatch"
    _description = "M-Office postal dispatch"
    _order = "date_dispatch, id"

    document_id = fields.Many2one("moffice.document", required=True, readonly=True, index=True, ondelete="restrict")
    reference = fields.Char(related="document_id.reference")
    date_dispatch = fields.Date(string="Dispatch date", required=True, readonly=True, index=True)
    recipient_ids = fields.Many2many("res.partner", string="Addressees", readonly=True)
    recipients_note = fields.Char(string="Other addressees", readonly=True)
    envelope_count = fields.Integer(string="Envelopes", required=True, readonly=True, aggregator=None)
    note = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", string="Recorded by", readonly=True)
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)

    @api.constrains("recipient_ids", "recipients_note", "envelope_count")
    def _check_dispatch(self):
        for dispatch in self:
            if not (dispatch.recipient_ids or dispatch.recipients_note):
                raise ValidationError(_("Say to whom the envelopes of the postal dispatch are addressed."))
            if dispatch.envelope_count < 1:
                raise ValidationError(_("A postal dispatch has at least one envelope."))

    def _recipients_label(self):
        self.ensure_one()
        return ", ".join(filter(None, [*self.recipient_ids.mapped("name"), self.recipients_note]))
