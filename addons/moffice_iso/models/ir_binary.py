from odoo import models

from odoo.addons.moffice_documents.models.ir_binary import FILE_FIELDS
from odoo.addons.moffice_documents.models.pdf_mark import mark_stream


class IrBinary(models.AbstractModel):
    """The files of ISO revisions, however they are downloaded: a form's
    carries its code and revision in its name, and every page of an obsolete
    revision's PDF says that it is obsolete (the stored file never changes)."""

    _inherit = "ir.binary"

    def _get_stream_from(
        self,
        record,
        field_name="raw",
        filename=None,
        filename_field="name",
        mimetype=None,
        default_mimetype="application/octet-stream",
    ):
        stream = super()._get_stream_from(record, field_name, filename, filename_field, mimetype, default_mimetype)
        if record._name == "ir.attachment" and field_name in FILE_FIELDS:
            revision = record._moffice_iso_revision()
            if revision:
                if revision.validity == "obsolete":
                    stream = mark_stream(stream, revision._obsolete_mark()) or stream
                    # a copy marked for this user now: served whole, never "not modified"
                    stream.conditional = False
                stream.download_name = revision._download_name(record)
        return stream
