from odoo import _, models
from odoo.exceptions import UserError

# States of a document whose files are frozen with it (see moffice_document.FROZEN_STATES).
FROZEN_DOCUMENT_STATES = ("recalled", "withdrawn")


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

    def _moffice_check_not_frozen(self):
        """The files of a recalled or withdrawn document change no more (Appendix VI, III-8a)."""
        attached = self.sudo().filtered(lambda attachment: attachment.res_model == "moffice.document")
        if not attached:
            return
        documents = self.env["moffice.document"].sudo().browse(attached.mapped("res_id")).exists()
        frozen = documents.filtered(lambda document: document.state in FROZEN_DOCUMENT_STATES)
        if frozen:
            raise UserError(
                _(
                    "%(document)s is frozen: its files can be neither changed nor deleted.",
                    document=frozen[0].display_name,
                )
            )

    def write(self, vals):
        if not self.env.su:
            self._moffice_check_not_frozen()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._moffice_check_not_frozen()
        return super().unlink()
