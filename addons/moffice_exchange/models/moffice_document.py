from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.moffice_documents.models.moffice_document import DATA_STANDARD_LENGTHS, FLOW
from odoo.addons.moffice_documents.models.roles import CLERK

from ..tools import edxml
from .moffice_exchange_message import Refused

# The states the withdraw step (the issuer's recall) applies to.
WITHDRAWABLE = next(step.sources for step in FLOW if step.name == "withdraw")
# Verification results that refuse a package (moffice_signature's statuses).
REFUSED_SIGNATURES = ("invalid", "error")
# The flow steps that answer the sender of an exchanged incoming document.
STEP_STATUS = {
    "register": edxml.ACCEPTED,
    "return_to_sender": edxml.REJECTED,
    "route": edxml.ASSIGNED,
    "mark_done": edxml.DONE,
    "withdraw": edxml.RECALL_ACCEPTED,
}


class MofficeDocument(models.Model):
    _inherit = "moffice.document"

    exchange_partner_id = fields.Many2one(
        "moffice.exchange.partner",
        string="Received from system",
        readonly=True,
        copy=False,
        index=True,
        help="The partner system an incoming document came from by exchange.",
    )
    exchange_document_uuid = fields.Char(string="Exchange document id", readonly=True, copy=False, index=True)
    exchange_delivery_ids = fields.One2many(
        "moffice.exchange.delivery", "document_id", string="Sent by exchange", readonly=True
    )
    exchange_is_pending = fields.Boolean(
        string="Not received or rejected",
        compute="_compute_exchange_is_pending",
        search="_search_exchange_is_pending",
        help="A recipient system has not yet confirmed receipt, or rejected the document.",
    )

    @api.depends("exchange_delivery_ids.is_pending")
    def _compute_exchange_is_pending(self):
        for document in self:
            document.exchange_is_pending = any(document.exchange_delivery_ids.mapped("is_pending"))

    def _search_exchange_is_pending(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["exchange_is_pending"].string))
        domain = [("exchange_delivery_ids.is_pending", "=", True)]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------------
    # sending
    # ------------------------------------------------------------------------
    def _exchange_systems(self):
        """The active partner systems of the document's recipients."""
        return (
            self.env["moffice.exchange.partner"]
            .sudo()
            .search([("partner_id", "in", self.recipient_ids.ids), ("company_id", "=", self.company_id.id)])
        )

    def _email_recipients(self):
        """Recipients with a partner system get the package, not an e-mail."""
        return super()._email_recipients() - self._exchange_systems().partner_id

    def _exchange_send(self):
        """Queue one package per recipient system (delivered by the outbox)."""
        for document in self:
            systems = document._exchange_systems()
            if not systems:
                continue
            deliveries = (
                self.env["moffice.exchange.delivery"]
                .sudo()
                .create(
                    [
                        {"document_id": document.id, "partner_system_id": system.id, "document_uuid": edxml.new_id()}
                        for system in systems
                    ]
                )
            )
            for delivery in deliveries:
                delivery.message_id = self.env["moffice.exchange.message"]._queue(
                    delivery.partner_system_id,
                    "package",
                    document,
                    message_uuid=delivery.document_uuid,
                    document_uuid=delivery.document_uuid,
                    delivery_id=delivery.id,
                )
            document._message_log(
                body=_("Queued for exchange with %(systems)s.", systems=", ".join(systems.mapped("name")))
            )

    def _exchange_recall(self, reason):
        """Each recipient system that has the document gets a recall (13);
        a package not yet delivered is not sent any more."""
        Message = self.env["moffice.exchange.message"]
        for delivery in self.sudo().exchange_delivery_ids:
            if delivery.transport_state == "sent":
                Message._queue_status(delivery.partner_system_id, self, delivery.document_uuid, edxml.RECALL, reason)
            elif delivery.transport_state == "queued":
                delivery.message_id._flow_step("fail", {"result": _("Recalled before delivery.")})

    def _exchange_metadata(self):
        """The document's metadata as the edXML header carries it."""
        self.ensure_one()
        number, _sep, notation = (self.reference or "").partition("/")
        return {
            "code_number": number,
            "code_notation": notation,
            "identifier_code": self.identifier_code,
            "place": self.company_id.city,
            "date": fields.Date.to_string(self.date_document),
            "type_name": self.document_type_id.name,
            "subject": self.summary,
            "content": self.notes,
            "signer_position": self.signer_title,
            "signer_name": self.signer_name,
            "due_date": fields.Date.to_string(self.date_deadline) if self.date_deadline else None,
            "to_places": [*self.recipient_ids.mapped("name"), *filter(None, [self.recipients_note])],
            "urgency": self.urgency,
            "copies": self.copy_count,
            "pages": self.page_count,
            "language": self.language,
        }

    def _exchange_files(self):
        """The document's files as released (its PDFs signed by the agency at release)."""
        self.ensure_one()
        return [
            {"name": attachment.name, "mimetype": attachment.mimetype, "content": attachment.raw}
            for attachment in self.sudo().attachment_ids
        ]

    # ------------------------------------------------------------------------
    # receiving
    # ------------------------------------------------------------------------
    @api.model
    def _exchange_receive(self, system, content):
        """An incoming draft from a verified package: every field pre-filled,
        the files attached as they came, their signatures checked (a file
        altered after signing refuses the package)."""
        company = system.company_id
        clerks = company._moffice_users(CLERK)
        number_symbol = "/".join(filter(None, [content["code_number"], content["code_notation"]]))
        document_type = (
            self.env["moffice.document.type"].sudo().search([("name", "=", content["type_name"])], limit=1)
            if content["type_name"]
            else self.env["moffice.document.type"]
        )
        document = self.sudo().create(
            {
                "kind": "incoming",
                "channel": "exchange",
                "company_id": company.id,
                "owner_id": clerks[:1].id or self.env.ref("base.user_root").id,
                "department_id": False,
                "summary": content["subject"][: DATA_STANDARD_LENGTHS["summary"]],
                "reference": number_symbol[: DATA_STANDARD_LENGTHS["reference"]] or False,
                "identifier_code": content["identifier_code"][: DATA_STANDARD_LENGTHS["identifier_code"]] or False,
                "date_document": content["date"] or False,
                "date_deadline": content["due_date"] or False,
                "document_type_id": document_type.id,
                "issuer_id": system.partner_id.id,
                "signer_name": content["signer_name"][: DATA_STANDARD_LENGTHS["signer_name"]] or False,
                "signer_title": content["signer_position"][: DATA_STANDARD_LENGTHS["signer_title"]] or False,
                "page_count": int(content["pages"]) if content["pages"].isdigit() else 0,
                "copy_count": int(content["copies"]) if content["copies"].isdigit() else 1,
                "urgency": content["urgency"],
                "language": content["language"][: DATA_STANDARD_LENGTHS["language"]] or "Tiếng Việt",
                "notes": content["content"][: DATA_STANDARD_LENGTHS["notes"]] or False,
                "exchange_partner_id": system.id,
                "exchange_document_uuid": content["document_id"],
            }
        )
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": file["name"],
                        "raw": file["content"],
                        "mimetype": file["mimetype"],
                        "res_model": self._name,
                        "res_id": document.id,
                    }
                    for file in content["attachments"]
                ]
            )
        )
        document.attachment_ids = attachments  # verified by moffice_signature
        if document.signature_status in REFUSED_SIGNATURES:
            raise Refused("signature_invalid", document.signature_summary, system=system)
        note = _(
            "Received by exchange from %(partner)s (document id %(uuid)s); digital signature: %(signature)s.",
            partner=system.name,
            uuid=content["document_id"],
            signature=dict(self._fields["signature_status"]._description_selection(self.env)).get(
                document.signature_status, _("no PDF file")
            ),
        )
        document.message_post(body=note, subtype_xmlid="mail.mt_note")
        document._flow_schedule("moffice_exchange.mail_activity_exchange_arrived", clerks, note=note)
        return document

    def _exchange_recalled(self, reason):
        """The sender recalled this exchanged document: withdrawn (answered
        15 by the withdraw step); a draft not yet registered is cancelled
        (15); one already closed otherwise cannot be (16)."""
        self.ensure_one()
        document = self.sudo()
        if document.state in WITHDRAWABLE:
            document._withdraw(reason)
            return
        if document.state == "draft":
            document._cancel(reason)
        code = edxml.RECALL_REFUSED if document.state not in ("withdrawn", "cancelled") else edxml.RECALL_ACCEPTED
        self.env["moffice.exchange.message"]._queue_status(
            document.exchange_partner_id, document, document.exchange_document_uuid, code, reason
        )

    # ------------------------------------------------------------------------
    # the flow answers the sender
    # ------------------------------------------------------------------------
    def _flow_after_step(self, step, **trace):
        result = super()._flow_after_step(step, **trace)
        for document in self:
            if step.name == "release":
                document._exchange_send()
            elif step.name == "recall":
                document._exchange_recall(document.recall_reason)
            elif step.name == "issue":
                document.parent_id.filtered(lambda parent: parent.state == "routed")._exchange_answer(edxml.IN_PROGRESS)
            elif step.name in STEP_STATUS:
                if step.name == "mark_done":
                    document._exchange_answer(edxml.IN_PROGRESS)
                reasons = {
                    "return_to_sender": document.cancel_reason,
                    "withdraw": document.recall_reason,
                    "mark_done": document.result,
                }
                document._exchange_answer(STEP_STATUS[step.name], reasons.get(step.name))
        return result

    def _exchange_answer(self, code, description=None):
        """Tell the sender of each exchanged document the status ``code``,
        once (a routing changed later is not told again)."""
        Message = self.env["moffice.exchange.message"].sudo()
        for document in self.sudo().filtered("exchange_partner_id"):
            told = Message.search_count(
                [("document_id", "=", document.id), ("direction", "=", "out"), ("status_code", "=", code)]
            )
            if not told:
                Message._queue_status(
                    document.exchange_partner_id, document, document.exchange_document_uuid, code, description
                )
