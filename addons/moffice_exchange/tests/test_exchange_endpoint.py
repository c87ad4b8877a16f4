from odoo.tests import HttpCase, tagged

from .common import ExchangeCommon

URL = "/moffice/exchange/v1/package"


@tagged("post_install", "-at_install")
class TestExchangeEndpoint(ExchangeCommon, HttpCase):
    """The HTTP endpoint: JSON answers, the body limit enforced before reading."""

    def test_package_over_http(self):
        body = self._package()
        response = self.url_open(URL, data=body, headers=self._headers(body))
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["status"], "01")
        self.assertEqual(self.Document.search_count([("exchange_partner_id", "=", self.peer.id)]), 1)

    def test_oversize_is_refused(self):
        self.env["ir.config_parameter"].sudo().set_param("moffice_exchange.max_body_mb", "1")
        body = self._package(
            attachments=[{"name": "big.bin", "mimetype": "application/octet-stream", "content": b"0" * 1_200_000}]
        )
        before = self.Document.search_count([])
        response = self.url_open(URL, data=body, headers=self._headers(body))
        self.assertEqual((response.status_code, response.json()["code"]), (413, "oversize"))
        self.assertEqual(self.Document.search_count([]), before)
        self.assertEqual(self.Message.search([], limit=1).refusal_code, "oversize")

    def test_unsigned_over_http(self):
        response = self.url_open(URL, data=self._package(), headers={"Content-Type": "application/xml"})
        self.assertEqual((response.status_code, response.json()["code"]), (401, "unsigned"))
