from odoo import models

ENTRY_MODEL = "moffice.archive.file.entry"


class IrAttachment(models.Model):
    """The files of a document or of a file's entry change no more once the
    document or the file is frozen (in the archive, or by an order)."""

    _inherit = "ir.attachment"

    def _moffice_check_not_frozen(self):
        result = super()._moffice_check_not_frozen()
        attachments = self.sudo()
        documents = (
            self.env["moffice.document"]
            .sudo()
            .browse(
                attachments.filtered(lambda attachment: attachment.res_model == "moffice.document").mapped("res_id")
            )
            .exists()
        )
        documents._archive_check_not_frozen()
        self.env[ENTRY_MODEL].sudo().search([("attachment_id", "in", attachments.ids)])._check_changeable()
        return result
