from werkzeug.exceptions import RequestEntityTooLarge

from odoo import _, models
from odoo.http import request


class IrHttp(models.AbstractModel):
    """A request larger than the upload limit (``web.max_file_upload_size``,
    128 MiB by default) is refused before it is read, with a message the
    user can act on instead of the server's bare status."""

    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        if isinstance(exception, RequestEntityTooLarge):
            limit = request.httprequest.max_content_length or 0
            exception = RequestEntityTooLarge(
                _(
                    "The file is too large: files up to %(size)s MB can be uploaded. Split it or reduce "
                    "its resolution, then upload it again.",
                    size=limit // (1024 * 1024),
                )
            )
        return super()._handle_error(exception)
