import base64
import hashlib
import json
import logging
import uuid
from datetime import UTC, datetime, timedelta

import requests

from odoo import _, _lt, api, fields, models, modules
from odoo.exceptions import UserError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Step
from odoo.addons.moffice_documents.models.roles import CLERK, SYSTEM_ADMIN

from ..tools import edxml

_logger = logging.getLogger(__name__)

# The HTTP headers of a message; the signature covers the other three and
# the SHA-256 of the exact body.
HEADER_ORGAN = "X-MOffice-Organ"
HEADER_ID = "X-MOffice-Message-Id"
HEADER_TIMESTAMP = "X-MOffice-Timestamp"
HEADER_SIGNATURE = "X-MOffice-Signature"
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
# Settings (ir.config_parameter) and their defaults.
PARAMS = {
    "moffice_exchange.max_body_mb": 50,
    "moffice_exchange.window_minutes": 10,
    "moffice_exchange.max_tries": 8,
    "moffice_exchange.backoff_seconds": 60,
    "moffice_exchange.backoff_cap_seconds": 6 * 3600,
    "moffice_exchange.timeout_seconds": 120,
}
CONNECT_TIMEOUT = 10
# Why a message is refused: code -> (HTTP status, reason).
REFUSALS = {
    "oversize": (413, _lt("The message is larger than this system accepts.")),
    "unsigned": (401, _lt("The message carries no signature, sender code, message id or timestamp.")),
    "unknown_sender": (403, _lt("The sender is not an active partner system of this agency.")),
    "bad_signature": (
        401,
        _lt("The signature does not verify with the sender's certificate: the message was altered or forged."),
    ),
    "expired": (401, _lt("The message's timestamp is outside the accepted window.")),
    "replayed": (409, _lt("A different message with this message id was already received.")),
    "hostile_xml": (400, _lt("The package declares a DOCTYPE or entities, which are refused.")),
    "too_deep": (400, _lt("The package is nested too deeply.")),
    "malformed_xml": (400, _lt("The package is not a readable edXML envelope.")),
    "misaddressed": (422, _lt("The package is not addressed to this agency, or not from its sender.")),
    "signature_invalid": (422, _lt("A PDF file's digital signature is invalid: the file was altered after signing.")),
    "invalid_content": (422, _lt("The package's data does not meet the data standard.")),
    "unknown_document": (404, _lt("The status names a document this agency never exchanged with the sender.")),
}
DIRECTIONS = [("out", "Sent"), ("in", "Received")]
MESSAGE_TYPES = [("package", "Document package"), ("status", "Status message")]
STATES = [
    ("queued", "Queued"),
    ("sent", "Delivered"),
    ("failed", "Failed"),
    ("received", "Received"),
    ("refused", "Refused"),
]


def _utc_now():
    return fields.Datetime.now().replace(tzinfo=UTC)


def signed_data(organ, message_id, timestamp, body):
    """What a message's signature covers: its headers and the exact body."""
    return "\n".join([organ, message_id, timestamp, hashlib.sha256(body).hexdigest()]).encode()


class MofficeExchangeMessage(models.Model):
    """The outbox and the journal of the exchange: every message sent or
    received (refusals included), with its payload's SHA-256 and result.
    Read by the system administrator only; written by the exchange alone."""

    _name = "moffice.exchange.message"
    _description = "Exchange message"
    _inherit = ["moffice.flow.mixin"]
    _order = "id desc"
    _rec_name = "message_uuid"

    _flow_steps = (
        Step("deliver", _lt("Deliver"), ("queued",), "sent", ()),
        Step("postpone", _lt("Try again later"), ("queued",), None, ()),
        Step("fail", _lt("Give up"), ("queued",), "failed", ()),
        Step("retry", _lt("Retry"), ("failed",), "queued", (SYSTEM_ADMIN,)),
    )
    _flow_initial_state = "queued"

    direction = fields.Selection(DIRECTIONS, required=True, readonly=True, index=True)
    message_type = fields.Selection(MESSAGE_TYPES, string="Type", required=True, readonly=True)
    status_code = fields.Selection(edxml.STATUS_CODES, string="Status code", readonly=True)
    description = fields.Char(readonly=True, help="The status's description, e.g. the reason of a rejection.")
    state = fields.Selection(STATES, required=True, default="queued", index=True, readonly=True)
    message_uuid = fields.Char(string="Message id", required=True, readonly=True, index=True, copy=False)
    document_uuid = fields.Char(
        string="Document id", readonly=True, index=True, help="The DocumentId of the package a status answers."
    )
    partner_system_id = fields.Many2one(
        "moffice.exchange.partner", string="Partner system", readonly=True, index=True, ondelete="restrict"
    )
    organ_id = fields.Char(string="Agency code", readonly=True, help="The code the sender claimed.")
    document_id = fields.Many2one("moffice.document", readonly=True, index=True, ondelete="restrict")
    delivery_id = fields.Many2one(
        "moffice.exchange.delivery", readonly=True, index=True, ondelete="cascade", help="The package's recipient."
    )
    user_id = fields.Many2one("res.users", string="By", readonly=True, help="Whose action sent it.")
    payload = fields.Binary(attachment=True, readonly=True)
    payload_sha256 = fields.Char(string="Payload SHA-256", readonly=True, index=True)
    payload_size = fields.Integer(string="Size (bytes)", readonly=True, aggregator="sum")
    tries = fields.Integer(readonly=True, aggregator=None)
    date_next_try = fields.Datetime(string="Next try", readonly=True, index=True)
    date_done = fields.Datetime(string="Delivered or received on", readonly=True)
    result = fields.Text(readonly=True, help="The answer, the last error or the refusal's reason.")
    refusal_code = fields.Char(readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    def init(self):
        """A message received once: its id is unique per sender."""
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS moffice_exchange_message_received_unique "
            "ON moffice_exchange_message (partner_system_id, message_uuid) WHERE state = 'received'"
        )

    # ------------------------------------------------------------------------
    # settings
    # ------------------------------------------------------------------------
    @api.model
    def _param(self, key):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return int(value) if value else PARAMS[key]
        except ValueError:
            return PARAMS[key]

    @api.model
    def _backoff(self, tries):
        """The wait after the ``tries``-th failed try: base * 2^(tries-1), capped."""
        base = self._param("moffice_exchange.backoff_seconds")
        return timedelta(
            seconds=min(base * 2 ** max(tries - 1, 0), self._param("moffice_exchange.backoff_cap_seconds"))
        )

    # ------------------------------------------------------------------------
    # sending
    # ------------------------------------------------------------------------
    @api.model
    def _queue(self, partner_system, message_type, document, body=None, **values):
        """Put a message for ``partner_system`` in the outbox (as the flow) and
        wake the delivery job; a package's envelope is built when first sent."""
        message = self.sudo().create(
            {
                "direction": "out",
                "message_type": message_type,
                "partner_system_id": partner_system.id,
                "organ_id": partner_system.organ_id,
                "document_id": document.id,
                "user_id": self.env.uid,
                "message_uuid": values.pop("message_uuid", None) or edxml.new_id(),
                "date_next_try": fields.Datetime.now(),
                "company_id": document.company_id.id,
                **values,
                **(self._payload_values(body) if body else {}),
            }
        )
        self.env.ref("moffice_exchange.cron_deliver_outbox").sudo()._trigger()
        return message

    @api.model
    def _payload_values(self, body):
        return {
            "payload": base64.b64encode(body),
            "payload_sha256": hashlib.sha256(body).hexdigest(),
            "payload_size": len(body),
        }

    @api.model
    def _queue_status(self, system, document, document_uuid, code, description=None):
        """Tell ``system`` the status ``code`` of the exchanged document
        ``document_uuid`` (``document`` is ours: the incoming one, or the
        released one a recall is about)."""
        body = edxml.build_status(
            {
                "from": document.company_id._moffice_exchange_organ(),
                "to": {"organ_id": system.organ_id, "organ_name": system.name},
                "document_id": document_uuid,
                "code_notation": document.reference,
                "status_code": code,
                "description": description,
                "timestamp": _utc_now().strftime(TIMESTAMP_FORMAT),
                "staff": self.env.user.name,
            }
        )
        return self._queue(
            system,
            "status",
            document,
            body,
            status_code=code,
            description=description,
            document_uuid=document_uuid,
        )

    @api.model
    def _cron_deliver(self, limit=20):
        """Every minute (and when woken): send what is due, oldest first; a
        failure waits longer after each try and is given up after N tries."""
        self.flush_model(["direction", "state", "date_next_try"])
        self.env.cr.execute(
            "SELECT id FROM moffice_exchange_message WHERE direction = 'out' AND state = 'queued' "
            "AND date_next_try <= %s ORDER BY date_next_try, id LIMIT %s FOR UPDATE SKIP LOCKED",
            [fields.Datetime.now(), limit + 1],
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        for message in self.browse(ids[:limit]):
            try:
                with self.env.cr.savepoint():
                    message._deliver()
            except UserError as error:  # e.g. no valid agency certificate: the clerks are told
                message._give_up(str(error))
            if not modules.module.current_test:
                # each delivery is kept whatever happens to the next (at-least-once)
                self.env.cr.commit()  # pylint: disable=invalid-commit
        if len(ids) > limit:
            self.env.ref("moffice_exchange.cron_deliver_outbox")._trigger()

    def _signed_headers(self, body):
        self.ensure_one()
        organ = self.company_id._moffice_exchange_organ()["organ_id"]
        timestamp = _utc_now().strftime(TIMESTAMP_FORMAT)
        signature = (
            self.env["moffice.signature.service"]
            .sudo()
            .sign_bytes(signed_data(organ, self.message_uuid, timestamp, body))
        )
        return {
            "Content-Type": "application/xml",
            HEADER_ORGAN: organ,
            HEADER_ID: self.message_uuid,
            HEADER_TIMESTAMP: timestamp,
            HEADER_SIGNATURE: base64.b64encode(signature).decode(),
        }

    def _deliver(self):
        """One try: post the message and record the answer."""
        self.ensure_one()
        if not self.payload:
            self.write(self._payload_values(self.delivery_id._build_package()))
        body = base64.b64decode(self.payload)
        try:
            response = requests.post(
                self.partner_system_id.endpoint_url,
                data=body,
                headers=self._signed_headers(body),
                timeout=(CONNECT_TIMEOUT, self._param("moffice_exchange.timeout_seconds")),
            )
        except requests.RequestException as error:
            return self._postpone(str(error))
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if response.status_code == 200 and answer.get("ok"):
            self._flow_step(
                "deliver",
                {"result": json.dumps(answer, ensure_ascii=False), "date_done": fields.Datetime.now()},
            )
            if self.message_type == "package":
                self.delivery_id._record_status(answer.get("status") or edxml.RECEIVED, answer.get("message"))
            return True
        reason = f"HTTP {response.status_code} {answer.get('code', '')}: {answer.get('message') or response.text[:500]}"
        if 400 <= response.status_code < 500:
            return self._give_up(reason)
        return self._postpone(reason)

    def _postpone(self, reason):
        tries = self.tries + 1
        if tries >= self._param("moffice_exchange.max_tries"):
            self.tries = tries
            return self._give_up(reason)
        next_try = fields.Datetime.now() + self._backoff(tries)
        self._flow_step("postpone", {"tries": tries, "result": reason, "date_next_try": next_try})
        self.env.ref("moffice_exchange.cron_deliver_outbox").sudo()._trigger(at=next_try)
        return False

    def _give_up(self, reason):
        """Failed: the clerks are asked to look and may retry."""
        self._flow_step("fail", {"tries": max(self.tries, 1), "result": reason})
        document = self.document_id
        note = _(
            "The exchange message to %(partner)s failed after %(tries)s tries: %(reason)s",
            partner=self.partner_system_id.name,
            tries=self.tries,
            reason=reason,
        )
        document._message_log(body=note)
        document._flow_schedule(
            "moffice_exchange.mail_activity_exchange_failed", document._flow_users(CLERK), note=note
        )
        return False

    def action_retry(self):
        """Clerk or system administrator: queue a failed message again, now."""
        self._flow_step("retry", {"tries": 0, "date_next_try": fields.Datetime.now(), "result": False})
        self.env.ref("moffice_exchange.cron_deliver_outbox").sudo()._trigger()
        return True

    # ------------------------------------------------------------------------
    # receiving
    # ------------------------------------------------------------------------
    @api.model
    def _refusal(self, code, detail=""):
        """The HTTP status and JSON answer of a refusal."""
        status, reason = REFUSALS[code]
        answer = {
            "ok": False,
            "code": code,
            "message": reason._translate("en_US"),
            "message_vi": reason._translate("vi_VN"),
        }
        if detail:
            answer["detail"] = detail
        return status, answer

    @api.model
    def _incoming_values(self, headers, body):
        return {
            "direction": "in",
            "message_type": "package",
            "organ_id": (headers.get(HEADER_ORGAN) or "").strip()[:64],
            "message_uuid": (headers.get(HEADER_ID) or "").strip()[:64] or "-",
            "date_done": fields.Datetime.now(),
            **self._payload_values(body),
        }

    @api.model
    def _journal_refusal(self, headers, body, refused):
        """Journal a refused message with its reason; answer (HTTP status, JSON)."""
        status, answer = self._refusal(refused.code, refused.detail)
        values = self._incoming_values(headers, body)
        self.sudo().create(
            {
                **values,
                "state": "refused",
                "refusal_code": refused.code,
                "result": f"{answer['message']} {refused.detail}".strip(),
                "message_type": refused.message_type or "package",
                "partner_system_id": refused.system.id if refused.system else False,
            }
        )
        _logger.info(
            "Exchange message %s from %r refused: %s %s",
            values["message_uuid"],
            values["organ_id"],
            refused.code,
            refused.detail,
        )
        return status, answer

    @api.model
    def _receive(self, headers, body):
        """A message posted to the endpoint: (HTTP status, JSON answer). A
        refusal is journaled with its reason and creates nothing else; the
        same message again (the sender's retry) gets its earlier receipt."""
        try:
            system = self._authenticate(headers, body)
            try:
                with self.env.cr.savepoint():
                    message = self._accept_new(headers, body, system)
            except (UserError, ValueError) as error:
                raise Refused("invalid_content", str(error), system=system) from error
            return 200, json.loads(message.result)
        except Refused as refused:
            if refused.answer:
                return 200, refused.answer
            return self._journal_refusal(headers, body, refused)

    @api.model
    def _accept_new(self, headers, body, system):
        message = self.sudo().create(
            {
                **self._incoming_values(headers, body),
                "state": "received",
                "partner_system_id": system.id,
                "company_id": system.company_id.id,
            }
        )
        message.result = json.dumps(message._accept(body), ensure_ascii=False)
        return message

    @api.model
    def _authenticate(self, headers, body):
        """The active partner system that signed this message, or a refusal."""
        organ, message_id = headers.get(HEADER_ORGAN), headers.get(HEADER_ID)
        timestamp, signature = headers.get(HEADER_TIMESTAMP), headers.get(HEADER_SIGNATURE)
        if not (organ and message_id and timestamp and signature):
            raise Refused("unsigned")
        try:
            uuid.UUID(message_id)
            moment = datetime.strptime(timestamp, TIMESTAMP_FORMAT).replace(tzinfo=UTC)
            signature = base64.b64decode(signature, validate=True)
        except ValueError as error:
            raise Refused("unsigned", str(error)) from error
        system = self.env["moffice.exchange.partner"].sudo().search([("organ_id", "=", organ)], limit=1)
        if not system:
            raise Refused("unknown_sender", organ)
        verified = (
            self.env["moffice.signature.service"]
            .sudo()
            .verify_bytes(system.certificate_pem, signed_data(organ, message_id, timestamp, body), signature)
        )
        if not verified:
            raise Refused("bad_signature", system=system)
        window = timedelta(minutes=self._param("moffice_exchange.window_minutes"))
        if abs(_utc_now() - moment) > window:
            raise Refused("expired", timestamp, system=system)
        earlier = self.sudo().search(
            [("partner_system_id", "=", system.id), ("message_uuid", "=", message_id), ("state", "=", "received")],
            limit=1,
        )
        if earlier:
            if earlier.payload_sha256 != hashlib.sha256(body).hexdigest():
                raise Refused("replayed", message_id, system=system)
            raise Refused("duplicate", answer=json.loads(earlier.result or "{}"))
        return system

    def _accept(self, body):
        """Read an authenticated message and act on it (as the exchange)."""
        try:
            content = edxml.parse(body)
        except edxml.EdxmlError as error:
            raise Refused(error.code, error.detail, system=self.partner_system_id) from error
        own = self.company_id._moffice_exchange_organ()["organ_id"]
        if content["to"]["organ_id"] != own or content["from"]["organ_id"] != self.partner_system_id.organ_id:
            raise Refused(
                "misaddressed",
                f"{content['from']['organ_id']} -> {content['to']['organ_id']}",
                system=self.partner_system_id,
            )
        if content["kind"] == "status":
            self.write(
                {
                    "message_type": "status",
                    "status_code": content["status_code"],
                    "description": content["description"],
                    "document_uuid": content["document_id"],
                }
            )
            return self._accept_status(content)
        self.document_uuid = content["document_id"]
        document = self.env["moffice.document"]._exchange_receive(self.partner_system_id, content)
        self.document_id = document
        return {
            "ok": True,
            "status": edxml.RECEIVED,
            "message": _("Received by %(agency)s.", agency=self.company_id.name),
            "date": fields.Datetime.to_string(self.date_done),
        }

    def _accept_status(self, content):
        """A recall (13) withdraws the incoming document it names; any other
        status is recorded on the delivery it answers."""
        code = content["status_code"]
        recall = code == edxml.RECALL
        model, fields_ = (
            ("moffice.document", ("exchange_partner_id", "exchange_document_uuid"))
            if recall
            else ("moffice.exchange.delivery", ("partner_system_id", "document_uuid"))
        )
        target = (
            self.env[model]
            .sudo()
            .search([(fields_[0], "=", self.partner_system_id.id), (fields_[1], "=", content["document_id"])], limit=1)
        )
        if not target:
            raise Refused(
                "unknown_document", content["document_id"], message_type="status", system=self.partner_system_id
            )
        if recall:
            self.document_id = target
            target._exchange_recalled(content["description"])
        else:
            self.document_id = target.document_id
            target._record_status(code, content["description"], content["staff"])
        return {"ok": True, "status": code}


class Refused(Exception):
    """A message refused with ``code`` (see REFUSALS), or answered with its
    earlier receipt (``answer``) when it is a retry of a received one."""

    def __init__(self, code, detail="", answer=None, message_type=None, system=None):
        super().__init__(code)
        self.system = system
        self.code = code
        self.detail = detail
        self.answer = answer
        self.message_type = message_type
