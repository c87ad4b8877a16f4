from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import LEADER, SYSTEM_ADMIN

# Who may send SMS: matrix row I.9 (leaders and the system administrator).
SMS_ROLES = (LEADER, SYSTEM_ADMIN)

LINE_STATES = [
    ("outgoing", "In queue"),
    ("sent", "Sent"),
    ("error", "Failed"),
]


class MofficeSms(models.Model):
    """An SMS to staff and units (matrix I.9), and its log.

    The text goes through Odoo's SMS queue (``sms.sms``) and so through the
    company's gateway; the outcome for each recipient stays here, whatever
    Odoo later does with its queue.
    """

    _name = "moffice.sms"
    _description = "M-Office SMS"
    _inherit = ["mail.thread", "moffice.flow.mixin"]

    _flow_steps = (Step("send", _lt("Send"), ("draft",), "done", SMS_ROLES),)
    _flow_editable = (Editable(("body", "user_ids", "department_ids"), SMS_ROLES, ("draft",)),)
    _order = "id desc"
    _rec_name = "body"

    body = fields.Text(string="Message", required=True, tracking=True)
    user_ids = fields.Many2many("res.users", string="Staff", domain=[("share", "=", False)])
    department_ids = fields.Many2many("hr.department", string="Units", help="Every member of these units.")
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Sent")], default="draft", required=True, readonly=True, tracking=True
    )
    date_sent = fields.Datetime(string="Sent on", readonly=True)
    sender_id = fields.Many2one("res.users", string="Sent by", readonly=True)
    line_ids = fields.One2many("moffice.sms.line", "sms_id", string="Recipients", readonly=True)
    sent_count = fields.Integer(compute="_compute_counts", string="Delivered")
    failed_count = fields.Integer(compute="_compute_counts", string="Failed")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.depends("line_ids.state")
    def _compute_counts(self):
        for sms in self:
            sms.sent_count = len(sms.line_ids.filtered(lambda line: line.state == "sent"))
            sms.failed_count = len(sms.line_ids.filtered(lambda line: line.state == "error"))

    def _recipients(self):
        """The staff to reach: those named and the members of the units."""
        self.ensure_one()
        return self.user_ids | self.department_ids.member_ids.user_id

    def _number_of(self, user):
        """The user's mobile number in international format, or False."""
        number = user.employee_id.mobile_phone or user.partner_id.mobile or user.partner_id.phone
        country = self.company_id.country_id or self.env.ref("base.vn")
        return number and user.partner_id._phone_format(number=number, country=country)

    def action_send(self):
        self._flow_check("send")
        for sms in self:
            users = sms._recipients()
            if not users:
                raise UserError(_("Choose the staff or the units to send the SMS to."))
            lines = (
                self.env["moffice.sms.line"]
                .sudo()
                .create([{"sms_id": sms.id, "user_id": user.id, "number": sms._number_of(user)} for user in users])
            )
            missing = lines.filtered(lambda line: not line.number)
            missing.write({"state": "error", "answer": _("No mobile number")})
            queue = (
                self.env["sms.sms"]
                .sudo()
                .create(
                    [
                        {"number": line.number, "body": sms.body, "partner_id": line.user_id.partner_id.id}
                        for line in lines - missing
                    ]
                )
            )
            for line, queued in zip(lines - missing, queue, strict=True):
                line.queue_id = queued
            # Sent now, so the sender sees the outcome; the log keeps it.
            queue.send(unlink_failed=False, unlink_sent=False, raise_exception=False)
            (lines - missing)._read_outcome()
            sms.message_post(
                body=_("SMS sent: %(sent)s delivered, %(failed)s failed.", sent=sms.sent_count, failed=sms.failed_count)
            )
            sms._flow_step("send", {"date_sent": fields.Datetime.now(), "sender_id": self.env.uid})
        return True


class MofficeSmsLine(models.Model):
    """One recipient of an SMS and what happened to it (the SMS log)."""

    _name = "moffice.sms.line"
    _description = "M-Office SMS recipient"
    _order = "sms_id desc, id"

    sms_id = fields.Many2one("moffice.sms", required=True, ondelete="cascade", index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Recipient", readonly=True)
    number = fields.Char(readonly=True)
    state = fields.Selection(LINE_STATES, default="outgoing", required=True, readonly=True)
    answer = fields.Text(string="Gateway answer", readonly=True)
    queue_id = fields.Many2one("sms.sms", string="Queued SMS", readonly=True, ondelete="set null")
    date = fields.Datetime(related="sms_id.date_sent", store=True)

    def _read_outcome(self):
        """Copy the outcome from Odoo's SMS queue into the log."""
        for line in self:
            queued = line.queue_id.sudo()
            if queued.state in ("sent", "pending", "process"):
                state = "sent"
            elif queued.state in ("error", "canceled"):
                state = "error"
            else:
                state = "outgoing"
            failure = dict(queued._fields["failure_type"]._description_selection(self.env)).get(queued.failure_type)
            line.write({"state": state, "answer": queued.moffice_answer or failure or False})
