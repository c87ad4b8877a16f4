import os

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.moffice_documents.models.moffice_document import MARK_DATE_FORMAT
from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import CLERK, LEADER, ROLE_GROUPS

from .moffice_iso_document import OWNER

# Relations to a revision (see _flow_relations_held).
DRAFTER, REVIEWER, RECIPIENT = "drafter", "reviewer", "recipient"
STATES = [
    ("draft", "Draft"),
    ("review", "In review"),
    ("to_approve", "Submitted for approval"),
    ("approved", "Approved"),
    ("issued", "Issued"),
    ("cancelled", "Cancelled"),
]
# States in which a revision is being prepared: one at most per document.
PREPARING = ("draft", "review", "to_approve", "approved")
# Where a revision stands on a given day (see _compute_validity).
VALIDITY = [
    ("not_issued", "Not issued"),
    ("upcoming", "Issued, not yet in force"),
    ("current", "Current"),
    ("obsolete", "Obsolete"),
]
COMMENT_ACTIVITY = "moffice_iso.mail_activity_iso_comment"
APPROVE_ACTIVITY = "moffice_iso.mail_activity_iso_approve"
REVISE_ACTIVITY = "moffice_iso.mail_activity_iso_revise"
ISSUE_ACTIVITY = "moffice_iso.mail_activity_iso_issue"
ACKNOWLEDGE_ACTIVITY = "moffice_iso.mail_activity_iso_acknowledge"

# The flow of a revision, in one table: step, label, from states, to state
# (None: unchanged), who may take it.
FLOW = (
    Step("ask_review", _lt("Ask for comments"), ("draft", "review"), "review", (DRAFTER, OWNER, LEADER, CLERK)),
    Step("comment", _lt("Send comments"), ("review",), None, (REVIEWER,)),
    Step("submit", _lt("Submit for approval"), ("draft", "review"), "to_approve", (DRAFTER, OWNER, LEADER, CLERK)),
    Step("approve", _lt("Approve"), ("to_approve",), "approved", (LEADER,)),
    Step("return", _lt("Return"), ("to_approve",), "draft", (LEADER,)),
    Step("issue", _lt("Issue"), ("approved",), "issued", (LEADER, CLERK)),
    Step("acknowledge", _lt("Acknowledge reading"), ("issued",), None, (RECIPIENT,)),
    Step("remind", _lt("Remind to acknowledge"), ("issued",), None, ()),
    Step("cancel", _lt("Cancel"), PREPARING, "cancelled", (DRAFTER, OWNER, LEADER)),
)
# What the drafter, the owner and the Office still edit by hand while the
# revision is prepared; numbers, dates, approval and issue come from steps.
EDITABLE = (
    Editable(("attachment_ids", "change_summary", "leader_id"), (DRAFTER, OWNER, LEADER, CLERK), ("draft", "review")),
)


class MofficeIsoRevision(models.Model):
    """A revision (lần ban hành) of a controlled document: its files and what
    changed, drafted, reviewed by the people asked for comments, approved by
    a leader, then issued with its number and effective date and distributed.

    Which revision is current is read from the dates, never stored: on any
    day D the current revision of a document is the issued one with the
    latest effective date on or before D; every issued revision before it is
    obsolete from that date, automatically, and one effective after D is not
    yet in force.
    """

    _name = "moffice.iso.revision"
    _description = "M-Office ISO document revision"
    _inherit = [
        "moffice.attachment.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "moffice.wizard.mixin",
        "moffice.flow.mixin",
    ]
    _order = "document_id, revision_number desc, id desc"
    _wizard_records_field = "revision_ids"
    _mail_post_access = "read"

    _flow_steps = FLOW
    _flow_editable = EDITABLE
    _flow_relations = {
        DRAFTER: _lt("the drafter"),
        OWNER: _lt("the owner of the document"),
        REVIEWER: _lt("the people asked for comments"),
        RECIPIENT: _lt("the people it is distributed to"),
    }

    document_id = fields.Many2one("moffice.iso.document", required=True, readonly=True, index=True, ondelete="restrict")
    code = fields.Char(related="document_id.code", store=True, index=True)
    category = fields.Selection(related="document_id.category")
    revision_number = fields.Integer(
        string="Revision",
        readonly=True,
        copy=False,
        aggregator=None,
        help="The revision number (lần ban hành), given when it is issued.",
    )
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, index=True, tracking=True)
    validity = fields.Selection(
        VALIDITY,
        compute="_compute_validity",
        search="_search_validity",
        help="Where the revision stands today, or on the date the audit view was opened for.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "moffice_iso_revision_attachment_rel",
        "revision_id",
        "attachment_id",
        string="Files",
        copy=False,
    )
    change_summary = fields.Text(string="What changed", tracking=True)
    drafter_id = fields.Many2one("res.users", string="Drafted by", readonly=True, index=True)
    review_ids = fields.One2many("moffice.iso.revision.review", "revision_id", string="Comments", readonly=True)
    date_review_due = fields.Date(string="Comments due", readonly=True, copy=False)
    leader_id = fields.Many2one(
        "res.users",
        string="Leader approving",
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(ROLE_GROUPS[LEADER]).ids)],
    )
    approver_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False)
    date_approved = fields.Datetime(string="Approved on", readonly=True, copy=False)
    return_reason = fields.Text(readonly=True, copy=False)
    issued_by_id = fields.Many2one("res.users", string="Issued by", readonly=True, copy=False)
    date_issued = fields.Datetime(string="Issued on", readonly=True, copy=False)
    date_effective = fields.Date(string="Effective date", readonly=True, copy=False, index=True, tracking=True)
    next_revision_id = fields.Many2one(
        "moffice.iso.revision", string="Replaced by", compute="_compute_next_revision_id"
    )
    acknowledgement_ids = fields.One2many(
        "moffice.iso.acknowledgement", "revision_id", string="Acknowledgements", readonly=True
    )
    pending_count = fields.Integer(string="Not acknowledged", compute="_compute_pending_count", aggregator=None)
    is_to_acknowledge = fields.Boolean(
        string="To acknowledge",
        compute="_compute_is_to_acknowledge",
        search="_search_is_to_acknowledge",
        help="You are on its distribution and have not yet acknowledged reading it.",
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)

    def init(self):
        """A document issues each revision number once."""
        result = super().init()
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS moffice_iso_revision_number_unique "
                "ON moffice_iso_revision (document_id, revision_number) WHERE revision_number > 0"
            )
        )
        return result

    # ------------------------------------------------------------------------
    # which revision is current
    # ------------------------------------------------------------------------
    @api.model
    def _iso_day(self, company=None):
        """The day validity is read on: the audit's "as on" date, else today in the agency's time."""
        day = self.env.context.get("moffice_iso_date")
        return fields.Date.to_date(day) if day else (company or self.env.company)._moffice_now().date()

    @api.model
    def _current_query(self, day):
        """SQL selecting, per document, the id of the revision in force on ``day``."""
        return SQL(
            "SELECT DISTINCT ON (document_id) id FROM moffice_iso_revision "
            "WHERE state = 'issued' AND date_effective <= %s "
            "ORDER BY document_id, date_effective DESC, revision_number DESC",
            day,
        )

    @api.model
    def _current_ids(self, document_ids, day):
        """{document id: id of its revision in force on ``day``} for ``document_ids``."""
        if not document_ids:
            return {}
        self.flush_model(["document_id", "state", "date_effective", "revision_number"])
        self.env.cr.execute(
            SQL(
                "SELECT document_id, id FROM moffice_iso_revision WHERE id IN (%s) AND document_id IN %s",
                self._current_query(day),
                tuple(document_ids),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.depends_context("moffice_iso_date")
    @api.depends("state", "date_effective", "revision_number")
    def _compute_validity(self):
        days, current = {}, set()
        for company in self.company_id:
            days[company] = self._iso_day(company)
            documents = self.filtered(lambda revision, company=company: revision.company_id == company).document_id
            current.update(self._current_ids(documents._origin.ids, days[company]).values())
        for revision in self:
            day = days.get(revision.company_id) or self._iso_day()
            if revision.state != "issued":
                revision.validity = "not_issued"
            elif revision.date_effective > day:
                revision.validity = "upcoming"
            else:
                revision.validity = "current" if revision._origin.id in current else "obsolete"

    def _search_validity(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["validity"].string))
        day = self._iso_day()
        self.flush_model(["document_id", "state", "date_effective", "revision_number"])
        current = SQL("(%s)", self._current_query(day))
        domains = {
            "not_issued": [("state", "!=", "issued")],
            "upcoming": [("state", "=", "issued"), ("date_effective", ">", day)],
            "current": [("id", "in", current)],
            "obsolete": [("state", "=", "issued"), ("date_effective", "<=", day), ("id", "not in", current)],
        }
        values = [value] if isinstance(value, str) else list(value)
        domain = expression.OR([domains[item] for item in values if item in domains]) or expression.FALSE_DOMAIN
        return domain if operator in ("=", "in") else ["!", *expression.normalize_domain(domain)]

    @api.depends("document_id.revision_ids.date_effective", "state")
    def _compute_next_revision_id(self):
        for revision in self:
            later = revision.document_id.sudo().revision_ids.filtered(
                lambda other, revision=revision: (
                    other.state == "issued"
                    and other.revision_number > revision.revision_number
                    and revision.state == "issued"
                )
            )
            revision.next_revision_id = later.sorted("revision_number")[:1]

    @api.depends("acknowledgement_ids.date_acknowledged")
    def _compute_pending_count(self):
        for revision in self:
            revision.pending_count = len(revision.acknowledgement_ids.filtered(lambda line: not line.date_acknowledged))

    @api.depends_context("uid")
    @api.depends("acknowledgement_ids.date_acknowledged")
    def _compute_is_to_acknowledge(self):
        for revision in self:
            revision.is_to_acknowledge = RECIPIENT in revision.sudo()._flow_relations_held(self.env.user)

    def _search_is_to_acknowledge(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["is_to_acknowledge"].string))
        pending = (
            self.env["moffice.iso.acknowledgement"]
            .sudo()
            ._search([("user_id", "=", self.env.uid), ("date_acknowledged", "=", False)])
        )
        return [("id", "in" if (operator == "=") == value else "not in", pending.subselect("revision_id"))]

    @api.depends("code", "revision_number", "state")
    def _compute_display_name(self):
        for revision in self:
            if revision.revision_number:
                revision.display_name = _(
                    "%(code)s, revision %(number)s", code=revision.code, number=revision.revision_number
                )
            else:
                revision.display_name = _("%(code)s, new revision", code=revision.code)

    # ------------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------------
    @api.model
    def _preparing_states(self):
        return PREPARING

    # ------------------------------------------------------------------------
    # who is who
    # ------------------------------------------------------------------------
    def _flow_relations_held(self, user):
        relations = set()
        if user == self.drafter_id:
            relations.add(DRAFTER)
        if user == self.document_id.owner_id:
            relations.add(OWNER)
        if self.review_ids.filtered(lambda line: line.user_id == user and not line.date_commented):
            relations.add(REVIEWER)
        if self.acknowledgement_ids.filtered(lambda line: line.user_id == user and not line.date_acknowledged):
            relations.add(RECIPIENT)
        return relations

    # ------------------------------------------------------------------------
    # steps
    # ------------------------------------------------------------------------
    def _ask_review(self, users, date_due, note=None):
        """Ask ``users`` for their comments on the draft by ``date_due``."""
        self._flow_check("ask_review")
        if not users:
            raise UserError(_("Choose whom to ask for comments."))
        if not date_due or date_due < self.env.company._moffice_now().date():
            raise UserError(_("Give a due date for the comments, today or later."))
        for revision in self:
            # Comment requests are made by this step only, never by hand.
            self.env["moffice.iso.revision.review"].sudo().create(
                [{"revision_id": revision.id, "user_id": user.id, "date_due": date_due} for user in users]
            )
            revision._flow_step("ask_review", {"date_review_due": date_due})
            revision._flow_schedule(COMMENT_ACTIVITY, users, note=note, deadline=date_due)
        return True

    def _comment(self, text):
        """A person asked gives their comments on the draft."""
        self._flow_check("comment")
        if not (text or "").strip():
            raise UserError(_("Write your comments before sending them."))
        for revision in self:
            line = revision.review_ids.filtered(lambda line: line.user_id == self.env.user and not line.date_commented)
            revision._flow_step("comment")
            line.sudo().write({"comment": text, "date_commented": fields.Datetime.now()})
            revision._flow_done(COMMENT_ACTIVITY, users=self.env.user)
            revision._message_log(body=_("Comments of %(user)s: %(comment)s", user=self.env.user.name, comment=text))
        return True

    def action_submit(self):
        """Submit the draft to the leader chosen for approval."""
        self._flow_check("submit")
        for revision in self:
            if not revision.attachment_ids:
                raise UserError(
                    _("Attach the file of %(revision)s before submitting it.", revision=revision.display_name)
                )
            if not (revision.change_summary or "").strip():
                raise UserError(
                    _("Say what changed in %(revision)s before submitting it.", revision=revision.display_name)
                )
            if not revision.leader_id:
                raise UserError(_("Choose the leader who approves %(revision)s.", revision=revision.display_name))
            revision._flow_step("submit")
            revision._flow_done(COMMENT_ACTIVITY, REVISE_ACTIVITY)
            revision._flow_schedule(APPROVE_ACTIVITY, revision.leader_id)
        return True

    def action_approve(self):
        """Leader: approve the revision; the Office then issues it."""
        self._flow_check("approve")
        for revision in self:
            revision._flow_step("approve", {"approver_id": self.env.uid, "date_approved": fields.Datetime.now()})
            revision._flow_done(APPROVE_ACTIVITY)
            revision._flow_schedule(ISSUE_ACTIVITY, revision._flow_users(CLERK))
        return True

    def _return(self, reason):
        """Leader: send the revision back to its drafter with a reason."""
        self._flow_check("return")
        if not (reason or "").strip():
            raise UserError(_("Say why the revision is returned."))
        for revision in self:
            revision._flow_step("return", {"return_reason": reason})
            revision._flow_done(APPROVE_ACTIVITY)
            revision._flow_schedule(REVISE_ACTIVITY, revision.drafter_id, note=reason)
            revision._message_log(
                body=_("Returned by %(leader)s: %(reason)s", leader=self.env.user.name, reason=reason)
            )
        return True

    def _issue(self, date_effective):
        """Leader or clerk: number the approved revision, fix the day it comes
        into force, and distribute it. The revision in force until then
        becomes obsolete on that day."""
        self._flow_check("issue")
        for revision in self:
            if not date_effective or date_effective < revision.company_id._moffice_now().date():
                raise UserError(_("The effective date of a revision is today or later."))
            document = revision.document_id
            # one issue at a time per document: the numbers follow each other
            self.env.cr.execute(SQL("SELECT id FROM moffice_iso_document WHERE id = %s FOR UPDATE", document.id))
            document.invalidate_recordset(["last_revision_number"])
            latest = max(
                document.sudo().revision_ids.filtered(lambda other: other.state == "issued").mapped("date_effective"),
                default=None,
            )
            if latest and date_effective < latest:
                raise UserError(
                    _(
                        "%(document)s already has a revision coming into force on %(date)s: the new one comes "
                        "into force on that day or later.",
                        document=document.display_name,
                        date=latest.strftime("%d/%m/%Y"),
                    )
                )
            now = fields.Datetime.now()
            revision._flow_step(
                "issue",
                {
                    "revision_number": document.last_revision_number + 1,
                    "date_effective": date_effective,
                    "date_issued": now,
                    "issued_by_id": self.env.uid,
                },
            )
            document._record_issue(revision)
            revision._flow_done(ISSUE_ACTIVITY)
            revision._distribute()
        return True

    def _distribute(self):
        """Notify the distribution of the issued revision; each person acknowledges reading it (an activity each)."""
        self.ensure_one()
        users = self.document_id._distribution_users()
        # Acknowledgements are made by the issue only, never by hand.
        self.env["moffice.iso.acknowledgement"].sudo().create(
            [{"revision_id": self.id, "user_id": user.id} for user in users]
        )
        effective = self.date_effective.strftime("%d/%m/%Y")
        self._flow_schedule(
            ACKNOWLEDGE_ACTIVITY,
            users,
            note=_("Read %(revision)s, in force from %(date)s.", revision=self.display_name, date=effective),
            deadline=self.date_effective,
        )
        self.message_post(
            body=_(
                "%(revision)s issued by %(user)s, in force from %(date)s. What changed: %(summary)s",
                revision=self.display_name,
                user=self.env.user.name,
                date=effective,
                summary=self.change_summary or "-",
            ),
            partner_ids=users.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )

    def action_acknowledge(self):
        """A person on the distribution has read the revision."""
        self._flow_check("acknowledge")
        for revision in self:
            line = revision.acknowledgement_ids.filtered(
                lambda line: line.user_id == self.env.user and not line.date_acknowledged
            )
            revision._flow_step("acknowledge")
            line.sudo().write({"date_acknowledged": fields.Datetime.now()})
            revision._flow_done(ACKNOWLEDGE_ACTIVITY, users=self.env.user)
        return True

    def _remind(self, lines):
        """Scheduled: remind those of ``lines`` (acknowledgements of this revision) who have not acknowledged it."""
        self.ensure_one()
        self._flow_step("remind")
        lines = lines.filtered(lambda line: not line.date_acknowledged)
        lines.write({"date_reminded": fields.Datetime.now()})
        self.message_notify(
            partner_ids=lines.user_id.partner_id.ids,
            subject=_("Reminder: acknowledge %(revision)s", revision=self.display_name),
            body=_(
                "%(revision)s was issued on %(date)s and you have not yet acknowledged reading it.",
                revision=self.display_name,
                date=self.company_id._moffice_local(self.date_issued).strftime("%d/%m/%Y"),
            ),
        )

    def action_cancel(self):
        """Abandon a revision in preparation; it stays, cancelled."""
        self._flow_check("cancel")
        for revision in self:
            revision.activity_ids.sudo().unlink()
            revision._flow_step("cancel")
        return True

    def action_open_review(self):
        self._flow_check("ask_review")
        return self._open_wizard("moffice.iso.review.request", _("Ask for comments"))

    def action_open_comment(self):
        self._flow_check("comment")
        return self._open_wizard("moffice.iso.reason", _("Send comments"), action="comment")

    def action_open_return(self):
        self._flow_check("return")
        return self._open_wizard("moffice.iso.reason", _("Return"), action="return")

    def action_open_issue(self):
        self._flow_check("issue")
        return self._open_wizard("moffice.iso.issue", _("Issue"), date_effective=self.env.company._moffice_now().date())

    def _open_form(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------------
    # files served
    # ------------------------------------------------------------------------
    def _download_name(self, attachment):
        """The name a file of this revision is downloaded under: a form's
        carries its code and revision (BM-VP-03-01 - Revision 02.docx), an
        obsolete one says so."""
        self.ensure_one()
        name = attachment.name
        if self.category == "form" and self.revision_number:
            extension = os.path.splitext(attachment.name or "")[1]
            name = _("%(code)s - Revision %(number)02d", code=self.code, number=self.revision_number) + extension
        if self.validity == "obsolete":
            stem, extension = os.path.splitext(name)
            name = _("%(name)s (obsolete)", name=stem) + extension
        return name

    def _obsolete_mark(self):
        """The line on every page of a downloaded obsolete revision."""
        self.ensure_one()
        company = self.company_id
        replaced = self.sudo().next_revision_id
        return _(
            "OBSOLETE - %(code)s revision %(number)s, replaced by revision %(next)s from %(date)s - "
            "downloaded by %(user)s on %(time)s",
            code=self.code,
            number=self.revision_number,
            next=replaced.revision_number,
            date=replaced.date_effective.strftime("%d/%m/%Y"),
            user=self.env.user.name,
            time=company._moffice_now().strftime(MARK_DATE_FORMAT),
        )

    # ------------------------------------------------------------------------
    # scheduled actions
    # ------------------------------------------------------------------------
    @api.model
    def _cron_remind_acknowledgements(self):
        """Remind, once, those who have not acknowledged a revision the
        company's number of working days after it was issued."""
        now = fields.Datetime.now()
        pending = self.env["moffice.iso.acknowledgement"].search(
            [("date_acknowledged", "=", False), ("date_reminded", "=", False)]
        )
        for revision in pending.revision_id:
            company = revision.company_id
            days = company.moffice_iso_reminder_days
            if days <= 0 or company._moffice_plan_work(days, "days", revision.date_issued) > now:
                continue
            revision._remind(pending.filtered(lambda line, revision=revision: line.revision_id == revision))
