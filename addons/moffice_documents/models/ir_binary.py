from odoo import models

# The fields of an attachment holding its file.
FILE_FIELDS = ("raw", "datas", "db_datas")


class IrBinary(models.AbstractModel):
    """Every file served over HTTP goes through here (/web/content,
    /web/image, the chatter's "download all"), for every client: the files of
    documents are logged and their PDFs marked on the way out."""

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
            document = record._moffice_document()
            if document:
                stream = document._serve_file(record, stream)
        return stream
