from dateutil.relativedelta import relativedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import CLERK, CUSTODIAN, LEADER, SYSTEM_ADMIN

# Relation to a controlled document (see _flow_relations_held).
OWNER = "owner"
# The roles of the matrix row II.6 (ISO documents): they keep the catalog of
# controlled documents; the owner of each keeps its distribution and review.
MANAGERS = (LEADER, CLERK, SYSTEM_ADMIN, CUSTODIAN)
REVIEW_ACTIVITY = "moffice_iso.mail_activity_iso_review"
DEFAULT_REVIEW_MONTHS = 12

FLOW = (
    Step("new_revision", _lt("Start a new revision"), ("draft", "in_force"), None, (OWNER, LEADER, CLERK)),
    # Taken by the issue of one of its revisions (see moffice.iso.revision).
    Step("record_issue", _lt("Record an issued revision"), ("draft", "in_force"), "in_force", (LEADER, CLERK)),
    Step("confirm_review", _lt("Confirm still valid"), ("in_force",), None, (OWNER, LEADER)),
)
DESCRIPTION = ("name", "type_id", "department_id", "owner_id", "process", "procedure_id", "note", "requirement_ids")
DISTRIBUTION = ("distribution_department_ids", "distribution_user_ids", "review_interval_months")
EDITABLE = (
    Editable(("code", *DESCRIPTION, *DISTRIBUTION), MANAGERS, ("draft",)),
    Editable((*DESCRIPTION, *DISTRIBUTION), MANAGERS, ("in_force",)),
    Editable(DISTRIBUTION, (OWNER,)),
    Editable(("active",), (LEADER,)),
)


class MofficeIsoDocument(models.Model):
    """A controlled document of the quality management system (TCVN ISO
    9001): the quality manual, a policy, a procedure (QT-…), a form (BM-…),
    a work instruction (HD-…) or an external document.

    Its content lives in its revisions (``moffice.iso.revision``), of which
    one at most is current on any day: the issued revision with the latest
    effective date on or before that day. The document keeps who owns it,
    who it is distributed to, when it is reviewed, and, for a procedure, the
    records it requires.
    """

    _name = "moffice.iso.document"
    _description = "M-Office ISO controlled document"
    _inherit = ["mail.thread", "mail.activity.mixin", "moffice.wizard.mixin", "moffice.flow.mixin"]
    _order = "code"
    _rec_names_search = ["code", "name"]
    _wizard_records_field = "document_ids"
    _mail_post_access = "read"

    _flow_steps = FLOW
    _flow_editable = EDITABLE
    _flow_relations = {OWNER: _lt("the owner of the document")}

    code = fields.Char(
        required=True, index=True, tracking=True, help="e.g. QT-VP-03; it starts with the prefix of its type."
    )
    name = fields.Char(string="Title", required=True, index="trigram", tracking=True)
    type_id = fields.Many2one("moffice.iso.document.type", required=True, tracking=True, index=True)
    category = fields.Selection(related="type_id.category", store=True, index=True)
    state = fields.Selection(
        [("draft", "Not issued yet"), ("in_force", "Issued")],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Owning unit",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user._moffice_unit(),
    )
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
        help="Keeps the document up to date: reviews it, starts its revisions, follows its acknowledgements.",
    )
    process = fields.Char(help="The process of the quality management system it belongs to, e.g. Văn thư.")
    procedure_id = fields.Many2one(
        "moffice.iso.document",
        index=True,
        domain=[("category", "=", "procedure")],
        help="The procedure a form or a work instruction belongs to.",
    )
    attached_ids = fields.One2many(
        "moffice.iso.document", "procedure_id", string="Forms and instructions", readonly=True
    )
    revision_ids = fields.One2many("moffice.iso.revision", "document_id", string="Revisions", readonly=True)
    last_revision_number = fields.Integer(
        string="Last revision issued",
        readonly=True,
        copy=False,
        aggregator=None,
        help="The number (lần ban hành) of the last revision issued.",
    )
    current_revision_id = fields.Many2one(
        "moffice.iso.revision",
        string="Current revision",
        compute="_compute_current_revision",
        help="The revision in force today, or on the date the audit view was opened for.",
    )
    current_revision_number = fields.Integer(string="Revision", compute="_compute_current_revision", aggregator=None)
    date_effective = fields.Date(string="Effective date", compute="_compute_current_revision")
    distribution_department_ids = fields.Many2many(
        "hr.department",
        "moffice_iso_document_department_rel",
        "document_id",
        "department_id",
        string="Distributed to units",
        help="Everyone in these units is notified of each new revision and acknowledges reading it.",
    )
    distribution_user_ids = fields.Many2many(
        "res.users",
        "moffice_iso_document_user_rel",
        "document_id",
        "user_id",
        string="Distributed to persons",
    )
    review_interval_months = fields.Integer(
        string="Review every (months)", default=DEFAULT_REVIEW_MONTHS, tracking=True
    )
    date_last_review = fields.Date(
        string="Last reviewed",
        readonly=True,
        copy=False,
        tracking=True,
        help="When a revision was last issued or the owner last confirmed the document still valid.",
    )
    date_next_review = fields.Date(string="Next review", compute="_compute_date_next_review", store=True, index=True)
    is_review_due = fields.Boolean(
        string="Review due", compute="_compute_is_review_due", search="_search_is_review_due"
    )
    acknowledgement_ids = fields.One2many(
        "moffice.iso.acknowledgement", "document_id", string="Acknowledgements", readonly=True
    )
    requirement_ids = fields.One2many(
        "moffice.iso.record.requirement", "document_id", string="Required records", copy=True
    )
    note = fields.Text(string="Notes")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        ("code_unique", "unique(company_id, code)", "Each controlled document has its own code."),
    ]

    # ------------------------------------------------------------------------
    # computes and constraints
    # ------------------------------------------------------------------------
    @api.depends_context("moffice_iso_date")
    @api.depends("revision_ids.state", "revision_ids.date_effective")
    def _compute_current_revision(self):
        revisions = self.env["moffice.iso.revision"]
        current = {}
        for company in self.company_id:
            documents = self.filtered(lambda document, company=company: document.company_id == company)
            current.update(revisions._current_ids(documents._origin.ids, revisions._iso_day(company)))
        for document in self:
            # what is in force is read whatever revisions the user may open
            revision = revisions.sudo().browse(current.get(document._origin.id))
            document.current_revision_id = revision
            document.current_revision_number = revision.revision_number
            document.date_effective = revision.date_effective

    @api.depends("date_last_review", "review_interval_months")
    def _compute_date_next_review(self):
        for document in self:
            document.date_next_review = document.date_last_review and document.date_last_review + relativedelta(
                months=document.review_interval_months
            )

    @api.depends_context("moffice_iso_date")
    @api.depends("date_next_review", "state")
    def _compute_is_review_due(self):
        revisions = self.env["moffice.iso.revision"]
        for document in self:
            document.is_review_due = bool(
                document.state == "in_force"
                and document.date_next_review
                and document.date_next_review <= revisions._iso_day(document.company_id)
            )

    def _search_is_review_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["is_review_due"].string))
        domain = [("state", "=", "in_force"), ("date_next_review", "<=", self.env["moffice.iso.revision"]._iso_day())]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for document in self:
            document.display_name = " - ".join(filter(None, [document.code, document.name]))

    @api.constrains("code", "type_id")
    def _check_code(self):
        for document in self:
            prefix = document.type_id.code_prefix
            if prefix and not document.code.startswith(f"{prefix}-"):
                raise ValidationError(
                    _(
                        "The code of a %(type)s starts with %(prefix)s-: %(code)s does not.",
                        type=document.type_id.name,
                        prefix=prefix,
                        code=document.code,
                    )
                )

    @api.constrains("review_interval_months")
    def _check_review_interval(self):
        if any(document.review_interval_months < 1 for document in self):
            raise ValidationError(
                _("A controlled document is reviewed at least every month: give a positive interval.")
            )

    @api.constrains("procedure_id")
    def _check_procedure(self):
        for document in self:
            if document.procedure_id and document.procedure_id.category != "procedure":
                raise ValidationError(_("%(document)s can only belong to a procedure.", document=document.display_name))

    # ------------------------------------------------------------------------
    # who is who
    # ------------------------------------------------------------------------
    def _flow_relations_held(self, user):
        return {OWNER} if user == self.owner_id else set()

    def _distribution_users(self):
        """The people a new revision is distributed to: those named and the staff of the units named."""
        self.ensure_one()
        users = self.distribution_user_ids
        if self.distribution_department_ids:
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search([("department_id", "child_of", self.distribution_department_ids.ids)])
            )
            users |= employees.user_id
        return users.filtered(lambda user: user.active and not user.share)

    # ------------------------------------------------------------------------
    # steps
    # ------------------------------------------------------------------------
    def action_new_revision(self):
        """Start a new revision: a draft to attach the files and say what changed."""
        self._flow_check("new_revision")
        revisions = self.env["moffice.iso.revision"]
        for document in self:
            if document.revision_ids.filtered(lambda revision: revision.state in revision._preparing_states()):
                raise UserError(
                    _(
                        "%(document)s already has a revision in preparation: finish or cancel it first.",
                        document=document.display_name,
                    )
                )
            document._flow_step("new_revision")
            # Revisions are created by this step only, never by hand.
            revisions |= revisions.sudo().create({"document_id": document.id, "drafter_id": self.env.uid})
            document._flow_done(REVIEW_ACTIVITY)
        return revisions[:1].with_env(self.env)._open_form() if len(revisions) == 1 else True

    def _record_issue(self, revision):
        """The revision ``revision`` of this document was issued: the document
        is in force, its revision counter and its review start again."""
        self._flow_step(
            "record_issue",
            {
                "last_revision_number": revision.revision_number,
                "date_last_review": self.company_id._moffice_now().date(),
            },
        )
        self._flow_done(REVIEW_ACTIVITY)

    def _confirm_review(self, note):
        """Owner (or a leader): the periodic review finds the document still valid."""
        self._flow_check("confirm_review")
        for document in self:
            document._flow_step("confirm_review", {"date_last_review": document.company_id._moffice_now().date()})
            document._flow_done(REVIEW_ACTIVITY)
            document._message_log(
                body=_(
                    "Periodic review: still valid, confirmed by %(user)s. %(note)s",
                    user=self.env.user.name,
                    note=note or "",
                )
            )
        return True

    def action_open_confirm_review(self):
        self._flow_check("confirm_review")
        return self._open_wizard("moffice.iso.reason", _("Confirm still valid"), action="confirm_review")

    def action_open_revisions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Revisions of %(document)s", document=self.code),
            "res_model": "moffice.iso.revision",
            "view_mode": "list,form",
            "domain": [("document_id", "=", self.id)],
            "context": {"default_document_id": self.id},
        }

    # ------------------------------------------------------------------------
    # scheduled actions
    # ------------------------------------------------------------------------
    @api.model
    def _cron_review_due(self):
        """Daily: ask the owner of each document due for its periodic review to
        confirm it is still valid or start a new revision (one activity, until
        it is answered; none while a revision is in preparation)."""
        review_type = self.env.ref(REVIEW_ACTIVITY)
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            today = company._moffice_now().date()
            due = self.search(
                [("company_id", "=", company.id), ("state", "=", "in_force"), ("date_next_review", "<=", today)]
            )
            for document in due:
                preparing = document.revision_ids.filtered(
                    lambda revision: revision.state in revision._preparing_states()
                )
                if preparing or document.activity_ids.filtered(lambda a: a.activity_type_id == review_type):
                    continue
                document._flow_schedule(
                    REVIEW_ACTIVITY,
                    document.owner_id,
                    note=_(
                        "%(document)s was last reviewed on %(date)s: confirm it is still valid or start a new "
                        "revision.",
                        document=document.display_name,
                        date=document.date_last_review.strftime("%d/%m/%Y"),
                    ),
                    deadline=today,
                )
