from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import LEADER

from .moffice_archive_unit_mixin import KEEPER

BORROWER = "borrower"
LOAN_STATES = [
    ("requested", "Requested"),
    ("authorised", "Authorised"),
    ("lent", "Lent"),
    ("returned", "Returned"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]
WAITING = ("requested", "authorised")
FLOW = (
    Step("authorise", _lt("Authorise"), ("requested",), "authorised", (LEADER,)),
    Step("lend", _lt("Lend"), WAITING, "lent", (KEEPER,)),
    Step("refuse", _lt("Refuse"), WAITING, "refused", (KEEPER, LEADER)),
    Step("cancel", _lt("Cancel"), WAITING, "cancelled", (BORROWER,)),
    Step("recall", _lt("Recall"), ("lent",), None, (KEEPER,)),
    Step("remind", _lt("Remind the borrower"), ("lent",), None, ()),
    Step("give_back", _lt("Record the return"), ("lent",), "returned", (KEEPER,)),
)


class MofficeArchiveLoan(models.Model):
    """A loan of an archive item (a paper original or an archived file):
    a member of staff asks (purpose, until when), a leader authorises it when
    the item is confidential, a custodian of the item's archive lends it and
    records its return; late borrowers are reminded every day, and the
    custodian may recall the item early. These records make the register of
    use of archived copies (sổ sử dụng bản lưu)."""

    _name = "moffice.archive.loan"
    _description = "Loan of an archive item"
    _inherit = ["mail.thread", "mail.activity.mixin", "moffice.flow.mixin"]
    _order = "date_request desc, id desc"
    _mail_post_access = "read"

    _flow_steps = FLOW
    _flow_editable = (Editable(("item_id", "purpose", "date_until"), (BORROWER,), ("requested",)),)
    _flow_relations = {BORROWER: _lt("the borrower"), KEEPER: _lt("a custodian of its archive")}
    _flow_creator = (BORROWER,)
    _flow_initial_state = "requested"

    item_id = fields.Many2one("moffice.archive.item", required=True, index=True, ondelete="restrict")
    user_id = fields.Many2one(
        "res.users", string="Borrower", required=True, index=True, default=lambda self: self.env.user
    )
    purpose = fields.Text(required=True)
    date_request = fields.Date(string="Asked on", required=True, default=fields.Date.context_today, readonly=True)
    date_until = fields.Date(string="Until", required=True, tracking=True, help="When the item is due back.")
    state = fields.Selection(LOAN_STATES, default="requested", required=True, readonly=True, tracking=True, index=True)
    archive_unit_id = fields.Many2one(related="item_id.archive_unit_id", store=True, index=True)
    is_confidential = fields.Boolean(related="item_id.is_confidential")
    authorised_by_id = fields.Many2one("res.users", string="Authorised by", readonly=True, copy=False)
    date_authorised = fields.Date(string="Authorised on", readonly=True, copy=False)
    lent_by_id = fields.Many2one("res.users", string="Lent by", readonly=True, copy=False)
    date_lent = fields.Date(string="Lent on", readonly=True, copy=False, index=True)
    returned_to_id = fields.Many2one("res.users", string="Returned to", readonly=True, copy=False)
    date_returned = fields.Date(string="Returned on", readonly=True, copy=False)
    refuse_reason = fields.Text(string="Reason of the refusal", readonly=True, copy=False)
    recall_reason = fields.Text(string="Reason of the recall", readonly=True, copy=False)
    date_recalled = fields.Date(string="Recalled on", readonly=True, copy=False)
    date_reminded = fields.Date(string="Last reminded on", readonly=True, copy=False)
    reminder_count = fields.Integer(string="Reminders", readonly=True, copy=False)
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late", string="Late")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.depends("item_id", "user_id")
    def _compute_display_name(self):
        for loan in self:
            loan.display_name = _("%(item)s to %(user)s", item=loan.item_id.name, user=loan.user_id.name)

    @api.depends("state", "date_until")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for loan in self:
            loan.is_late = loan.state == "lent" and loan.date_until < today

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["is_late"].string))
        domain = [("state", "=", "lent"), ("date_until", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.constrains("date_until", "date_request")
    def _check_dates(self):
        for loan in self:
            if loan.state in WAITING and loan.date_until < loan.date_request:
                raise ValidationError(_("An item is borrowed until a day after the request."))

    def _flow_relations_held(self, user):
        relations = set()
        if user == self.user_id:
            relations.add(BORROWER)
        if user in self.item_id._archive_keepers():
            relations.add(KEEPER)
        return relations

    @api.model_create_multi
    def create(self, vals_list):
        loans = super().create(vals_list)
        for loan in loans:
            leaders = loan._flow_users(LEADER) if loan.sudo().is_confidential else self.env["res.users"]
            activity = (
                "moffice_archive.mail_activity_loan_authorise" if leaders else "moffice_archive.mail_activity_loan_lend"
            )
            loan._flow_schedule(activity, leaders or loan.sudo().item_id._archive_keepers(), note=loan.purpose)
        return loans

    # ------------------------------------------------------------------------
    # steps
    # ------------------------------------------------------------------------
    def action_authorise(self):
        """Leader: authorise the loan of a confidential item."""
        self._flow_check("authorise")
        for loan in self:
            if not loan.sudo().is_confidential:
                raise UserError(_("%(loan)s is not confidential: its custodian lends it.", loan=loan.display_name))
            loan._flow_done("moffice_archive.mail_activity_loan_authorise")
            loan._flow_step(
                "authorise", {"authorised_by_id": self.env.uid, "date_authorised": fields.Date.context_today(loan)}
            )
            loan._flow_schedule("moffice_archive.mail_activity_loan_lend", loan.item_id._archive_keepers())
        return True

    def action_lend(self):
        """Custodian: hand the item over to the borrower (recorded)."""
        self._flow_check("lend")
        for loan in self:
            item = loan.sudo().item_id
            if item.is_confidential and loan.state != "authorised":
                raise UserError(_("%(item)s is confidential: a leader authorises its loan first.", item=item.name))
            if item.state != "in_store":
                raise UserError(_("%(item)s is lent to someone else: it is not in store.", item=item.name))
            if not item.location_id:
                raise UserError(_("Give %(item)s its storage location before lending it.", item=item.name))
            loan._flow_done("moffice_archive.mail_activity_loan_lend")
            loan._flow_step("lend", {"lent_by_id": self.env.uid, "date_lent": fields.Date.context_today(loan)})
            item._flow_step("lend")
            loan.message_post(
                body=_(
                    "Lent to %(user)s until %(date)s by %(custodian)s.",
                    user=loan.user_id.name,
                    date=loan.date_until.strftime("%d/%m/%Y"),
                    custodian=self.env.user.name,
                ),
                partner_ids=loan.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_give_back(self):
        """Custodian: the item is back in store (recorded)."""
        self._flow_check("give_back")
        for loan in self:
            loan._flow_done("moffice_archive.mail_activity_loan_return")
            loan._flow_step(
                "give_back", {"returned_to_id": self.env.uid, "date_returned": fields.Date.context_today(loan)}
            )
            loan.sudo().item_id._flow_step("give_back")
        return True

    def _refuse(self, reason):
        self._flow_check("refuse")
        if not (reason or "").strip():
            raise UserError(_("Say why the loan is refused."))
        for loan in self:
            loan._flow_done("moffice_archive.mail_activity_loan_authorise", "moffice_archive.mail_activity_loan_lend")
            loan._flow_step("refuse", {"refuse_reason": reason})
            loan.message_post(
                body=_("Refused by %(user)s: %(reason)s", user=self.env.user.name, reason=reason),
                partner_ids=loan.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_cancel(self):
        self._flow_check("cancel")
        self._flow_done("moffice_archive.mail_activity_loan_authorise", "moffice_archive.mail_activity_loan_lend")
        return self._flow_step("cancel")

    def _recall(self, reason, date_until=None):
        """Custodian: ask for the item back early (by ``date_until``, today by default)."""
        self._flow_check("recall")
        if not (reason or "").strip():
            raise UserError(_("Say why the item is recalled."))
        for loan in self:
            until = min(fields.Date.to_date(date_until) or loan.date_until, loan.date_until)
            today = fields.Date.context_today(loan)
            loan._flow_step(
                "recall", {"recall_reason": reason, "date_recalled": today, "date_until": max(until, today)}
            )
            loan._flow_schedule(
                "moffice_archive.mail_activity_loan_return", loan.user_id, note=reason, deadline=loan.date_until
            )
            loan.message_post(
                body=_(
                    "Recalled by %(custodian)s: return it by %(date)s. %(reason)s",
                    custodian=self.env.user.name,
                    date=loan.date_until.strftime("%d/%m/%Y"),
                    reason=reason,
                ),
                partner_ids=loan.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    # ------------------------------------------------------------------------
    # reminders of late borrowers
    # ------------------------------------------------------------------------
    @api.model
    def _cron_remind_late(self):
        """Every day from the day after the due date until the return: an
        activity and an e-mail to the borrower (once a day)."""
        today = fields.Date.context_today(self)
        late = self.search(
            [
                ("state", "=", "lent"),
                ("date_until", "<", today),
                "|",
                ("date_reminded", "=", False),
                ("date_reminded", "<", today),
            ]
        )
        template = self.env.ref("moffice_archive.mail_template_loan_late")
        activity_type = self.env.ref("moffice_archive.mail_activity_loan_return")
        for loan in late:
            activity = loan.activity_ids.filtered(lambda activity: activity.activity_type_id == activity_type)
            if activity:
                activity.date_deadline = today
            else:
                loan._flow_schedule("moffice_archive.mail_activity_loan_return", loan.user_id, deadline=today)
            template.send_mail(
                loan.id, email_values={"recipient_ids": [fields.Command.set(loan.user_id.partner_id.ids)]}
            )
            loan.sudo()._flow_step("remind", {"date_reminded": today, "reminder_count": loan.reminder_count + 1})

    # ------------------------------------------------------------------------
    # buttons
    # ------------------------------------------------------------------------
    def action_open_refuse(self):
        self._flow_check("refuse")
        return self.env["moffice.archive.reason"]._open(self, "refuse", _("Refuse"))

    def action_open_recall(self):
        self._flow_check("recall")
        return self.env["moffice.archive.reason"]._open(
            self, "recall", _("Recall"), date=fields.Date.context_today(self)
        )

    def action_request(self):
        """The request form's button: the loan is asked once saved."""
        return {"type": "ir.actions.act_window_close"}
