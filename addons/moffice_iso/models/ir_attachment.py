from odoo import _, models
from odoo.exceptions import UserError

from odoo.addons.moffice_documents.models.pdf_mark import mark_stream

REVISION_MODEL = "moffice.iso.revision"


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _moffice_check_not_frozen(self):
        """The files of a revision are frozen once it is submitted: what was
        approved and issued is what is served."""
        super()._moffice_check_not_frozen()
        attached = self.sudo().filtered(lambda attachment: attachment.res_model == REVISION_MODEL)
        if not attached:
            return
        revisions = self.env[REVISION_MODEL].sudo().browse(attached.mapped("res_id")).exists()
        frozen = revisions.filtered(lambda revision: revision.state not in ("draft", "review"))
        if frozen:
            raise UserError(
                _(
                    "%(revision)s is submitted or issued: its files can be neither changed nor deleted.",
                    revision=frozen[0].display_name,
                )
            )

    def _moffice_serve(self, stream):
        """The files of ISO revisions, however they are downloaded: a form's
        carries its code and revision in its name, and every page of an
        obsolete revision's PDF says that it is obsolete (the stored file
        never changes)."""
        stream = super()._moffice_serve(stream)
        revision = self._moffice_iso_revision()
        if revision:
            if revision.validity == "obsolete":
                stream = mark_stream(stream, revision._obsolete_mark()) or stream
                # a copy marked for this user now: served whole, never "not modified"
                stream.conditional = False
            stream.download_name = revision._download_name(self)
        return stream

    def _moffice_iso_revision(self):
        """The revision this file belongs to (whoever may read it), or an empty recordset."""
        self.ensure_one()
        attachment = self.sudo()
        if attachment.res_model != REVISION_MODEL or not attachment.res_id or attachment.res_field:
            return self.env[REVISION_MODEL]
        return self.env[REVISION_MODEL].browse(attachment.res_id).exists()
