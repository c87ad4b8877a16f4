from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.moffice_documents.models.roles import CLERK, SYSTEM_ADMIN

from ..tools import edxml
from .moffice_exchange_message import TIMESTAMP_FORMAT, _utc_now

# Who may send a failed package again.
RETRY_ROLES = (CLERK, SYSTEM_ADMIN)

# Statuses after which a recipient has the document in hand.
RECEIVED_CODES = (edxml.RECEIVED, edxml.ACCEPTED, edxml.ASSIGNED, edxml.IN_PROGRESS, edxml.DONE)


class MofficeExchangeDelivery(models.Model):
    """A released document sent to one partner system: its package in the
    outbox, and the statuses the recipient sent back (III-1 k, o). Made and
    updated by the exchange alone; read by whoever reads the document."""

    _name = "moffice.exchange.delivery"
    _description = "Exchange delivery"
    _order = "id"
    _rec_name = "partner_system_id"

    document_id = fields.Many2one("moffice.document", required=True, readonly=True, index=True, ondelete="cascade")
    partner_system_id = fields.Many2one(
        "moffice.exchange.partner", string="Recipient system", required=True, readonly=True, ondelete="restrict"
    )
    document_uuid = fields.Char(string="Document id", required=True, readonly=True, index=True)
    message_id = fields.Many2one("moffice.exchange.message", string="Package", readonly=True)
    transport_state = fields.Selection(
        string="Sending",
        related="message_id.state",
        store=True,
        help="Where the package is: queued, delivered or failed.",
    )
    transport_note = fields.Text(string="Last error", related="message_id.result")
    tries = fields.Integer(related="message_id.tries")
    status_code = fields.Selection(edxml.STATUS_CODES, string="Status", readonly=True, index=True)
    date_status = fields.Datetime(string="Status since", readonly=True)
    status_note = fields.Char(string="Status note", readonly=True, help="The recipient's reason or answer.")
    status_ids = fields.One2many("moffice.exchange.status", "delivery_id", string="History", readonly=True)
    is_pending = fields.Boolean(
        string="Not received or rejected",
        compute="_compute_is_pending",
        store=True,
        index=True,
        help="The recipient has not yet confirmed receipt, or rejected the document.",
    )

    @api.depends("status_code")
    def _compute_is_pending(self):
        for delivery in self:
            delivery.is_pending = delivery.status_code not in RECEIVED_CODES

    def _build_package(self):
        """The edXML envelope of the document for this recipient."""
        self.ensure_one()
        document = self.document_id
        return edxml.build_package(
            {
                **document._exchange_metadata(),
                "from": document.company_id._moffice_exchange_organ(),
                "to": {"organ_id": self.partner_system_id.organ_id, "organ_name": self.partner_system_id.name},
                "document_id": self.document_uuid,
                "trace": [(document.company_id.moffice_organ_id, _utc_now().strftime(TIMESTAMP_FORMAT))],
                "attachments": document._exchange_files(),
            }
        )

    def _record_status(self, code, note=None, staff=None):
        """A status the recipient sent back: kept in the history, shown as the latest."""
        now = fields.Datetime.now()
        for delivery in self:
            delivery.sudo().write(
                {
                    "status_code": code,
                    "date_status": now,
                    "status_note": note,
                    "status_ids": [fields.Command.create({"code": code, "note": note, "staff": staff, "date": now})],
                }
            )
            label = dict(edxml.STATUS_CODES)[code]
            text = _(
                "%(recipient)s: %(status)s %(note)s",
                recipient=delivery.partner_system_id.name,
                status=label,
                note=note or "",
            )
            document = delivery.document_id.sudo()
            document._message_log(body=text)
            if code in (edxml.REJECTED, edxml.RECALL_REFUSED):
                document._flow_schedule(
                    "moffice_exchange.mail_activity_exchange_failed", document._flow_users(CLERK), note=text
                )

    def action_retry(self):
        """Clerk or system administrator: send a failed package again."""
        self.check_access("read")
        Message = self.env["moffice.exchange.message"]
        if not self.env.su and not Message._flow_roles().intersection(RETRY_ROLES):
            raise AccessError(_("Sending a package again is for %(who)s.", who=Message._flow_who_label(RETRY_ROLES)))
        return self.sudo().message_id.action_retry()
