import json

from odoo import SUPERUSER_ID, http
from odoo.http import request

from ..models.moffice_exchange_message import Refused


class ExchangeController(http.Controller):
    @http.route(
        "/moffice/exchange/v1/package",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def receive(self):
        """A partner system posts a package or a status message here: the
        answer is JSON (``ok``, ``status`` 01 for a package, or ``code`` and
        the reason in English and Vietnamese)."""
        Message = request.env(user=SUPERUSER_ID)["moffice.exchange.message"]
        limit = Message._param("moffice_exchange.max_body_mb") * 1024 * 1024
        length = request.httprequest.content_length
        if length is None or length > limit:
            status, answer = Message._journal_refusal(
                request.httprequest.headers, b"", Refused("oversize", f"{length} > {limit} bytes")
            )
        else:
            status, answer = Message._receive(request.httprequest.headers, request.httprequest.get_data())
        return request.make_response(
            json.dumps(answer, ensure_ascii=False),
            headers=[("Content-Type", "application/json; charset=utf-8")],
            status=status,
        )
