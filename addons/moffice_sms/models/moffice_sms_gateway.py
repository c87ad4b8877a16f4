import json
import logging

import requests

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

PLACEHOLDERS = ("{number}", "{message}", "{sender}")


class MofficeSmsGateway(models.Model):
    """The department's own SMS provider, reached over HTTP.

    Providers differ in their request format, so the request is described
    by a payload template rather than written for one provider.
    """

    _name = "moffice.sms.gateway"
    _description = "M-Office SMS gateway"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    url = fields.Char(string="URL", required=True)
    method = fields.Selection(
        [("json", "POST, JSON body"), ("form", "POST, form"), ("get", "GET, query string")],
        required=True,
        default="json",
    )
    auth_header = fields.Char(string="Authentication header", help="e.g. Authorization")
    auth_token = fields.Char(string="Authentication value", help="e.g. Bearer <token> or Basic <credentials>")
    sender = fields.Char(string="Brand name", help="The sender name registered with the provider.")
    payload = fields.Text(
        string="Payload template",
        required=True,
        default='{"to": "{number}", "content": "{message}", "brandname": "{sender}"}',
        help="A JSON object; {number}, {message} and {sender} are replaced by the recipient's number in "
        "international format, the text and the brand name.",
    )
    success_marker = fields.Char(
        help="Text the provider's answer contains when the SMS is accepted; empty: any 2xx answer is a success.",
    )
    timeout = fields.Integer(string="Timeout (seconds)", default=15, required=True)

    @api.constrains("payload")
    def _check_payload(self):
        for gateway in self:
            try:
                payload = json.loads(gateway.payload)
            except ValueError as error:
                raise ValidationError(_("The payload template is not valid JSON: %(error)s", error=error)) from error
            if not isinstance(payload, dict) or not all(p in gateway.payload for p in PLACEHOLDERS[:2]):
                raise ValidationError(_("The payload template must be a JSON object using {number} and {message}."))

    def _request_params(self, number, message):
        """The provider's parameters for one SMS (placeholders filled in, JSON-escaped)."""
        self.ensure_one()
        text = self.payload
        for placeholder, value in zip(PLACEHOLDERS, (number, message, self.sender or ""), strict=True):
            text = text.replace(placeholder, json.dumps(value)[1:-1])
        return json.loads(text)

    def _deliver(self, number, message):
        """Send one SMS; return (accepted, the provider's answer or the error)."""
        self.ensure_one()
        params = self._request_params(number, message)
        headers = {self.auth_header: self.auth_token or ""} if self.auth_header else {}
        arguments = (
            {"json": params}
            if self.method == "json"
            else {"data": params}
            if self.method == "form"
            else {"params": params}
        )
        try:
            response = requests.request(
                "GET" if self.method == "get" else "POST", self.url, headers=headers, timeout=self.timeout, **arguments
            )
        except requests.RequestException as error:
            _logger.info("SMS gateway %s: %s unreachable: %s", self.name, self.url, error)
            return False, str(error)
        accepted = response.ok and (not self.success_marker or self.success_marker in response.text)
        _logger.info("SMS gateway %s: HTTP %s for %s", self.name, response.status_code, number)
        return accepted, f"HTTP {response.status_code}: {response.text[:500]}"
