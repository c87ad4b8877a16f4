from dateutil.relativedelta import relativedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import LEADER

from .moffice_iso_document import MANAGERS
from .moffice_iso_record_requirement import period_start

FLOW = (Step("dispose", _lt("Dispose of"), ("kept",), "disposed", (LEADER,)),)
CONTENT = (
    "name",
    "requirement_id",
    "department_id",
    "date",
    "attachment_ids",
    "evidence_document_ids",
    "task_ids",
    "note",
)
EDITABLE = (Editable(CONTENT, MANAGERS, ("kept",)),)


class MofficeIsoRecord(models.Model):
    """An implementation record (hồ sơ thực hiện ISO, matrix II.7): the
    evidence a unit files that a procedure ran in a period, as files and as
    links to the M-Office documents and tasks it was made of.

    Kept for the retention its requirement sets; past it, a leader disposes
    of it with a reason. A disposed record stays listed, with who disposed of
    it, when and why: nothing is deleted.
    """

    _name = "moffice.iso.record"
    _description = "M-Office ISO implementation record"
    _inherit = [
        "moffice.attachment.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "moffice.wizard.mixin",
        "moffice.flow.mixin",
    ]
    _order = "date desc, id desc"
    _wizard_records_field = "record_ids"
    _mail_post_access = "read"

    _flow_steps = FLOW
    _flow_editable = EDITABLE
    _flow_initial_state = "kept"

    name = fields.Char(required=True, tracking=True, index="trigram")
    requirement_id = fields.Many2one(
        "moffice.iso.record.requirement",
        string="Required record",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    document_id = fields.Many2one(related="requirement_id.document_id", string="Procedure", store=True, index=True)
    record_type_id = fields.Many2one(related="requirement_id.record_type_id", store=True, index=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user._moffice_unit(),
    )
    date = fields.Date(
        required=True,
        index=True,
        tracking=True,
        default=fields.Date.context_today,
        help="The day the record was made: it counts for the period this day falls in.",
    )
    period_start = fields.Date(
        compute="_compute_period_start", store=True, index=True, help="The first day of the period it counts for."
    )
    attachment_ids = fields.Many2many(
        "ir.attachment", "moffice_iso_record_attachment_rel", "record_id", "attachment_id", string="Files"
    )
    evidence_document_ids = fields.Many2many(
        "moffice.document",
        "moffice_iso_record_document_rel",
        "record_id",
        "document_id",
        string="Documents",
        help="The M-Office documents that are evidence, e.g. the incoming documents handled.",
    )
    task_ids = fields.Many2many("moffice.task", "moffice_iso_record_task_rel", "record_id", "task_id", string="Tasks")
    note = fields.Text(string="Notes")
    state = fields.Selection(
        [("kept", "Kept"), ("disposed", "Disposed of")],
        default="kept",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    date_disposal_due = fields.Date(
        string="Kept until",
        compute="_compute_date_disposal_due",
        store=True,
        index=True,
        help="The end of its retention; empty when it is kept for good.",
    )
    is_disposal_due = fields.Boolean(
        string="Past its retention", compute="_compute_is_disposal_due", search="_search_is_disposal_due"
    )
    date_disposed = fields.Datetime(string="Disposed of on", readonly=True, copy=False)
    disposed_by_id = fields.Many2one("res.users", string="Disposed of by", readonly=True, copy=False)
    disposal_note = fields.Text(string="Reason of the disposal", readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.depends("date", "requirement_id.frequency")
    def _compute_period_start(self):
        for record in self:
            record.period_start = (
                record.date and record.requirement_id and period_start(record.date, record.requirement_id.frequency)
            )

    @api.depends("date", "requirement_id.retention_months")
    def _compute_date_disposal_due(self):
        for record in self:
            months = record.requirement_id.retention_months
            record.date_disposal_due = record.date and months and record.date + relativedelta(months=months)

    def _compute_is_disposal_due(self):
        today = self.env.company._moffice_now().date()
        for record in self:
            record.is_disposal_due = bool(
                record.state == "kept" and record.date_disposal_due and record.date_disposal_due <= today
            )

    def _search_is_disposal_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["is_disposal_due"].string))
        domain = [("state", "=", "kept"), ("date_disposal_due", "<=", self.env.company._moffice_now().date())]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    def _dispose(self, reason):
        """Leader: dispose of records past their retention, with a reason; they stay listed."""
        self._flow_check("dispose")
        if not (reason or "").strip():
            raise UserError(_("Say why and how the records are disposed of."))
        for record in self:
            if not record.is_disposal_due:
                raise UserError(
                    _(
                        "%(record)s is kept until %(date)s: it cannot be disposed of before.",
                        record=record.display_name,
                        date=record.date_disposal_due.strftime("%d/%m/%Y")
                        if record.date_disposal_due
                        else _("for good"),
                    )
                )
            record._flow_step(
                "dispose",
                {"date_disposed": fields.Datetime.now(), "disposed_by_id": self.env.uid, "disposal_note": reason},
            )
            record._message_log(body=_("Disposed of by %(user)s: %(reason)s", user=self.env.user.name, reason=reason))
        return True

    def action_open_dispose(self):
        self._flow_check("dispose")
        return self._open_wizard("moffice.iso.reason", _("Dispose of"), action="dispose")
