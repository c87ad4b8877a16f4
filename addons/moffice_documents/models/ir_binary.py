from odoo import models

# The fields of an attachment holding its file.
FILE_FIELDS = ("raw", "datas", "db_datas")


class IrBinary(models.AbstractModel):
    """Every file served over HTTP goes through here (/web/content,
    /web/image, the chatter's "download all"), for every client: the
    attachment decides how it is served (``ir.attachment._moffice_serve``)."""

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
            stream = record._moffice_serve(stream)
        return stream
