from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _moffice_attach_to(self, record):
        """Attach the files the current user just uploaded to ``record``, so
        that access to them follows access to the record (and PDFs are
        indexed for search).

        Only loose files uploaded by the current user are moved: linking must
        not give access to somebody else's file.
        """
        loose = self.sudo().filtered(
            lambda attachment: not attachment.res_id and attachment.create_uid.id == self.env.uid
        )
        if loose:
            loose.write({"res_model": record._name, "res_id": record.id})

    def _moffice_document(self):
        """The document this file belongs to (whoever may read it), or an empty recordset."""
        self.ensure_one()
        attachment = self.sudo()
        if attachment.res_model != "moffice.document" or not attachment.res_id or attachment.res_field:
            return self.env["moffice.document"]
        return self.env["moffice.document"].browse(attachment.res_id).exists()
