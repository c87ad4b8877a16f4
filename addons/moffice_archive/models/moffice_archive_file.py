from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import CLERK, LEADER

from .moffice_archive_freeze import check_not_frozen
from .moffice_archive_unit_mixin import KEEPER

# What still changes on a frozen file: the warning sweep's own bookkeeping
# (the person in charge is still warned that it is due).
FREEZE_EXEMPT = {"warning_stage"}
# Relations to a file (see _flow_relations_held).
IN_CHARGE, UNIT_HEAD = "in_charge", "unit_head"
FILE_STATES = [
    ("open", "Open"),
    ("closed", "Closed"),
    ("submitted", "Submitted to the archive"),
    ("archived", "In the archive"),
]
RIGHTS = [("public", "Public"), ("restricted", "Restricted use"), ("confidential", "Confidential")]
WARNING_STAGES = [("none", "Not warned"), ("soon", "Warned: due soon"), ("late", "Warned: late")]
# Decree 30 Art. 30: due within a year after closing; kept back at most two years more.
SUBMISSION_DELAY = relativedelta(years=1)
KEEP_BACK_MAX = relativedelta(years=2)
# Appendix VI-III-5b: the person in charge is warned this many days before.
WARNING_DAYS = 30
# How many files the warning sweep handles per transaction.
WARNING_BATCH = 1000
# The data standard of files (Appendix VI, Part II, III): longest texts, largest totals.
NOTATION_LENGTH = 20
TITLE_LENGTH = 500
DATA_STANDARD_LENGTHS = {"notation": NOTATION_LENGTH, "name": TITLE_LENGTH, "language": 50, "description": 500}
# DocOrdinal has 3 digits, PageTotal 4.
DOC_TOTAL_MAX = 999
PAGE_TOTAL_MAX = 9999
# What the person in charge edits by hand: the file's description while it
# is open (its contents too), its title, retention and description while
# closed, before it is submitted.
OPEN_CONTENT = (
    "name",
    "notation",
    "retention_id",
    "rights",
    "language",
    "date_start",
    "description",
    "catalogue_line_id",
    "entry_ids",
)
FLOW = (
    Step("close", _lt("Close"), ("open",), "closed", (IN_CHARGE, UNIT_HEAD)),
    Step("reopen", _lt("Reopen"), ("closed",), "open", (IN_CHARGE, UNIT_HEAD)),
    Step("submit", _lt("Submit to archive"), ("closed",), "submitted", (IN_CHARGE, UNIT_HEAD, CLERK, KEEPER)),
    Step("accept", _lt("Accept into the archive"), ("submitted",), "archived", (KEEPER,)),
    Step("return", _lt("Return to the unit"), ("submitted",), "closed", (KEEPER,)),
    Step("ask_keep", _lt("Ask to keep it back"), ("closed",), None, (IN_CHARGE, UNIT_HEAD)),
    Step("keep", _lt("Approve keeping it back"), ("closed",), None, (LEADER,)),
    Step("refuse_keep", _lt("Refuse keeping it back"), ("closed",), None, (LEADER,)),
    Step("hand_over", _lt("Hand over"), ("open", "closed"), None, (UNIT_HEAD, LEADER)),
    Step("link_case", _lt("File a case"), ("open",), None, (LEADER, CLERK)),
    Step("warn", _lt("Warn of the submission due"), ("closed",), None, ()),
)
EDITABLE = (
    Editable(OPEN_CONTENT, (IN_CHARGE, UNIT_HEAD), ("open",)),
    Editable(("name", "retention_id", "description"), (IN_CHARGE, UNIT_HEAD), ("closed",)),
)


def check_lengths(records, limits, label_field):
    """Refuse texts longer than the data standard of Decree 30/2020 allows."""
    for record in records:
        for name, limit in limits.items():
            if len(record[name] or "") > limit:
                raise ValidationError(
                    record.env._(
                        "%(field)s of %(record)s has %(length)s characters; the data standard of Decree 30/2020 "
                        "(Appendix VI) allows at most %(limit)s.",
                        field=record._fields[name]._description_string(record.env),
                        record=record[label_field],
                        length=len(record[name]),
                        limit=limit,
                    )
                )


class MofficeArchiveFile(models.Model):
    """A file (hồ sơ, Decree 30 Art. 29): every document of one matter,
    opened by the person handling it from the catalogue (or outside it),
    closed when the matter ends, submitted to the agency archive within a
    year when kept five years or more, then frozen there.

    Its code follows the data standard (agency code . year . file number
    and symbol); its documents are numbered in date order, never by hand;
    a document may be in several files without being copied (entries)."""

    _name = "moffice.archive.file"
    _description = "File"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "moffice.flow.mixin",
        "moffice.archive.unit.mixin",
    ]
    _order = "year desc, notation, id desc"
    _rec_names_search = ["code", "name"]
    _mail_post_access = "read"

    _flow_steps = FLOW
    _flow_editable = EDITABLE
    _flow_relations = {
        IN_CHARGE: _lt("the person in charge"),
        UNIT_HEAD: _lt("the head of its unit"),
        KEEPER: _lt("a custodian of its archive"),
    }
    _flow_creator = (IN_CHARGE,)
    _flow_initial_state = "open"

    name = fields.Char(string="Title", required=True, tracking=True, index="trigram")
    notation = fields.Char(
        string="File number and symbol",
        required=True,
        tracking=True,
        help="FileNotation of the data standard (at most 20 characters), e.g. 01.VP.",
    )
    year = fields.Integer(
        compute="_compute_year",
        store=True,
        aggregator=None,
        help="FileCatalog: the year of its catalogue, or of its start date.",
    )
    code = fields.Char(
        string="File code",
        compute="_compute_code",
        store=True,
        index="trigram",
        help="FileCode: the agency code (OrganId), the year and the file number and symbol.",
    )
    catalogue_line_id = fields.Many2one(
        "moffice.archive.catalogue.line",
        string="Catalogue entry",
        index=True,
        ondelete="restrict",
        domain=[("catalogue_id.state", "=", "published")],
        help="The entry of the published file catalogue this file was opened from.",
    )
    retention_id = fields.Many2one(
        "moffice.archive.retention", string="Retention period", required=True, tracking=True, ondelete="restrict"
    )
    rights = fields.Selection(RIGHTS, string="Access regime", required=True, default="public")
    language = fields.Char(required=True, default="Tiếng Việt")
    description = fields.Text()
    user_id = fields.Many2one(
        "res.users",
        string="Person in charge",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    department_id = fields.Many2one(default=lambda self: self.env.user._moffice_unit())
    state = fields.Selection(FILE_STATES, default="open", required=True, readonly=True, tracking=True, index=True)
    date_start = fields.Date(string="Start date", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="End date", readonly=True, copy=False, help="The day the file was closed.")
    entry_ids = fields.One2many("moffice.archive.file.entry", "file_id", string="Documents")
    doc_total = fields.Integer(string="Documents count", compute="_compute_totals", store=True, aggregator="sum")
    page_total = fields.Integer(string="Pages", compute="_compute_totals", store=True, aggregator="sum")
    case_id = fields.Many2one(
        "moffice.case", readonly=True, copy=False, index=True, help="The case followed in this file."
    )
    case_name = fields.Char(string="Case followed", compute="_compute_case_name")

    # -- submission to the archive -------------------------------------------
    date_due = fields.Date(
        string="Due to the archive",
        compute="_compute_date_due",
        store=True,
        index=True,
        help="Closed files kept five years or more are submitted to the agency archive within a year, or by the "
        "date a leader let the unit keep them until.",
    )
    warning_stage = fields.Selection(WARNING_STAGES, default="none", required=True, readonly=True, copy=False)
    date_warning = fields.Date(
        string="Next warning",
        compute="_compute_date_warning",
        store=True,
        index="btree_not_null",
        help="Technical: when the warning sweep next warns of this file's submission.",
    )
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late", string="Late to the archive")
    submission_id = fields.Many2one("moffice.archive.submission", readonly=True, copy=False, index=True)
    date_submitted = fields.Date(string="Submitted on", readonly=True, copy=False)
    date_archived = fields.Date(string="Accepted on", readonly=True, copy=False)
    accepted_by_id = fields.Many2one("res.users", string="Accepted by", readonly=True, copy=False)
    return_reason = fields.Text(string="Reason of the return", readonly=True, copy=False)
    archive_item_id = fields.Many2one("moffice.archive.item", string="Archive item", readonly=True, copy=False)
    location_id = fields.Many2one(related="archive_item_id.location_id", string="Storage location")
    keep_request_until = fields.Date(string="Keeping asked until", readonly=True, copy=False)
    keep_request_reason = fields.Text(string="Reason to keep it", readonly=True, copy=False)
    keep_requested_by_id = fields.Many2one("res.users", string="Keeping asked by", readonly=True, copy=False)
    keep_until = fields.Date(string="Kept back until", readonly=True, copy=False, tracking=True)
    keep_reason = fields.Text(string="Why it is kept back", readonly=True, copy=False)
    kept_by_id = fields.Many2one("res.users", string="Keeping approved by", readonly=True, copy=False)
    date_kept = fields.Date(string="Keeping approved on", readonly=True, copy=False)
    is_to_hand_over = fields.Boolean(
        compute="_compute_is_to_hand_over",
        search="_search_is_to_hand_over",
        string="To hand over",
        help="Its person in charge left its unit: the unit head hands it over to someone else.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        (
            "notation_year_unique",
            "unique(company_id, year, notation)",
            "A file number and symbol is used once a year: choose another one.",
        ),
    ]

    # ------------------------------------------------------------------------
    # computes and constraints
    # ------------------------------------------------------------------------
    @api.depends("catalogue_line_id.year", "date_start")
    def _compute_year(self):
        for file in self:
            file.year = file.catalogue_line_id.year or (file.date_start and file.date_start.year)

    @api.depends("year", "notation")
    def _compute_code(self):
        """The code is given once the file has its year and number: a later
        change of the agency code does not rewrite the codes given."""
        for file in self:
            if file.year and file.notation:
                file.code = file.company_id._moffice_identifier(file.year, file.notation)
            else:
                file.code = False

    @api.depends("entry_ids", "entry_ids.page_count")
    def _compute_totals(self):
        for file in self:
            file.doc_total = len(file.entry_ids)
            file.page_total = sum(file.entry_ids.mapped("page_count"))

    def _compute_case_name(self):
        # The case is followed by leaders and clerks; its name shows to whoever reads the file.
        for file in self:
            file.case_name = file.sudo().case_id.name

    @api.depends("date_end", "retention_id", "keep_until")
    def _compute_date_due(self):
        for file in self:
            if file.date_end and file.retention_id._is_submitted():
                file.date_due = file.keep_until or file.date_end + SUBMISSION_DELAY
            else:
                file.date_due = False

    @api.depends("state", "date_due", "warning_stage")
    def _compute_date_warning(self):
        for file in self:
            if file.state != "closed" or not file.date_due or file.warning_stage == "late":
                file.date_warning = False
            elif file.warning_stage == "none":
                file.date_warning = file.date_due - timedelta(days=WARNING_DAYS)
            else:
                file.date_warning = file.date_due + timedelta(days=1)

    @api.depends("state", "date_due")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for file in self:
            file.is_late = bool(file.state == "closed" and file.date_due and file.date_due < today)

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["is_late"].string))
        domain = [("state", "=", "closed"), ("date_due", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    def _compute_is_to_hand_over(self):
        pending = set(self.search([("id", "in", self.ids), ("is_to_hand_over", "=", True)]).ids)
        for file in self:
            file.is_to_hand_over = file.id in pending

    def _search_is_to_hand_over(self, operator, value):
        """Open or closed files whose person in charge is no longer in their unit."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["is_to_hand_over"].string))
        query = SQL(
            """SELECT f.id FROM moffice_archive_file f
                WHERE f.state IN ('open', 'closed') AND f.department_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM hr_employee e JOIN res_users u ON u.id = e.user_id
                                   WHERE e.user_id = f.user_id AND e.active AND u.active
                                     AND e.department_id = f.department_id)"""
        )
        return [("id", "in" if (operator == "=") == value else "not in", SQL("(%s)", query))]

    @api.constrains(*DATA_STANDARD_LENGTHS)
    def _check_data_standard(self):
        check_lengths(self, DATA_STANDARD_LENGTHS, "notation")

    @api.constrains("doc_total", "page_total")
    def _check_totals(self):
        for file in self:
            if file.doc_total > DOC_TOTAL_MAX or file.page_total > PAGE_TOTAL_MAX:
                raise ValidationError(
                    _(
                        "%(file)s would hold more than %(documents)s documents or %(pages)s pages, the most the "
                        "data standard of Decree 30/2020 numbers: open a second file for the rest of the matter.",
                        file=file.display_name,
                        documents=DOC_TOTAL_MAX,
                        pages=PAGE_TOTAL_MAX,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for file in self:
            file.display_name = " - ".join(filter(None, [file.code or file.notation, file.name]))

    # ------------------------------------------------------------------------
    # who is who; frozen files
    # ------------------------------------------------------------------------
    def _flow_relations_held(self, user):
        relations = set()
        if user == self.user_id:
            relations.add(IN_CHARGE)
        if self.department_id and user == self.department_id.manager_id.user_id:
            relations.add(UNIT_HEAD)
        if user in self._archive_keepers():
            relations.add(KEEPER)
        return relations

    def _archive_frozen_reason(self):
        """Why these files may not change at all, or None: one is in the
        archive, or frozen by an order (Appendix VI, IV-g)."""
        archived = self.sudo().filtered(lambda file: file.state == "archived")
        if archived:
            return _("%(file)s is in the archive: nobody changes it any more.", file=archived[0].display_name)
        return self.env["moffice.archive.freeze"]._frozen_reason(files=self)

    def _archive_check_not_frozen(self):
        check_not_frozen(self)

    # ------------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        lines = self.env["moffice.archive.catalogue.line"].browse(
            [vals["catalogue_line_id"] for vals in vals_list if vals.get("catalogue_line_id")]
        )
        lines._check_can_open()
        for vals in vals_list:
            line = lines.browse(vals.get("catalogue_line_id"))
            if line:
                for name in ("name", "notation"):
                    vals.setdefault(name, line[name])
                vals.setdefault("retention_id", line.retention_id.id)
        files = super().create(vals_list)
        for file in files.filtered("catalogue_line_id"):
            # The catalogue names the unit of the file, whoever opens it.
            file.sudo().department_id = file.catalogue_line_id.department_id
        return files

    def write(self, vals):
        if set(vals) - self._flow_free_fields():
            if not self.env.su:
                # The flow's refusal first: it names the field.
                self._flow_check_write(set(vals))
            if set(vals) - FREEZE_EXEMPT:
                self._archive_check_not_frozen()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept(self):
        kept = self.filtered(lambda file: file.state != "open" or file.entry_ids)
        if kept:
            raise UserError(
                _(
                    "%(file)s holds documents or was closed: it is kept. Only an empty open file can be deleted.",
                    file=kept[0].display_name,
                )
            )
        self._archive_check_not_frozen()

    # ------------------------------------------------------------------------
    # contents
    # ------------------------------------------------------------------------
    def _add(self, documents=None, personal_documents=None, attachments=None, date=None):
        """Put documents, personal documents and plain files (photos,
        recordings) into this file, each once; nothing is copied."""
        self.ensure_one()
        present = self.entry_ids
        commands = [
            fields.Command.create({"document_id": document.id})
            for document in (documents or self.env["moffice.document"]) - present.document_id
        ]
        commands += [
            fields.Command.create({"personal_document_id": document.id})
            for document in (personal_documents or self.env["moffice.personal.document"]) - present.personal_document_id
        ]
        commands += [
            fields.Command.create({"attachment_id": attachment.id, "date": date or fields.Date.context_today(self)})
            for attachment in (attachments or self.env["ir.attachment"]) - present.attachment_id
        ]
        if commands:
            self.write({"entry_ids": commands})
        return True

    def _review_entries(self):
        """What closing removes: drafts (documents not yet approved or
        released) and duplicates (the same content filed twice)."""
        self.ensure_one()
        drafts = self.entry_ids.filtered(lambda entry: entry.sudo().document_id._archive_is_draft())
        seen, duplicates = set(), self.env["moffice.archive.file.entry"]
        for entry in self.entry_ids.sorted(lambda entry: (entry.date or fields.Date.today(), entry.id)) - drafts:
            checksums = entry._checksums()
            if checksums and checksums <= seen:
                duplicates |= entry
            seen |= checksums
        return drafts | duplicates

    # ------------------------------------------------------------------------
    # steps
    # ------------------------------------------------------------------------
    def _close(self, values, removed=None):
        """Person in charge: the matter has ended. The review removes the
        entries chosen (drafts, duplicates) and fixes title, retention and
        description; no draft may stay in a closed file."""
        self._flow_check("close")
        if removed:
            removed.filtered(lambda entry: entry.file_id in self).unlink()
        for file in self:
            if not file.entry_ids:
                raise UserError(_("%(file)s holds no document: add them before closing it.", file=file.display_name))
            drafts = file.entry_ids.filtered(lambda entry: entry.sudo().document_id._archive_is_draft())
            if drafts:
                raise UserError(
                    _(
                        "%(file)s still holds drafts (%(drafts)s): a closed file keeps only final documents. "
                        "Remove them in the review.",
                        file=file.display_name,
                        drafts=", ".join(drafts.mapped("name")),
                    )
                )
            file._flow_step(
                "close",
                {**(values or {}), "date_end": fields.Date.context_today(file), "warning_stage": "none"},
            )
        return True

    def action_reopen(self):
        self._flow_check("reopen")
        return self._flow_step("reopen", {"date_end": False, "warning_stage": "none", "return_reason": False})

    def action_submit(self):
        """Hand the closed file to the agency archive: it joins the submission
        list its unit prepares, for the archive's custodians to check."""
        self._flow_check("submit")
        for file in self:
            if not file.retention_id._is_submitted():
                raise UserError(
                    _(
                        "%(file)s is kept %(retention)s: files kept less than five years stay with the unit "
                        "and are not submitted to the archive.",
                        file=file.display_name,
                        retention=file.retention_id.name,
                    )
                )
            submission = self.env["moffice.archive.submission"]._draft_for(file)
            file._flow_done("moffice_archive.mail_activity_file_due", "moffice_archive.mail_activity_file_keep")
            file._flow_step(
                "submit",
                {
                    "submission_id": submission.id,
                    "date_submitted": fields.Date.context_today(file),
                    "return_reason": False,
                    "keep_request_until": False,
                    "keep_request_reason": False,
                    "keep_requested_by_id": False,
                },
            )
            submission._add_line(file)
        return True

    def _accept(self, location):
        """Custodian of its archive: the file is received, placed at
        ``location`` and frozen under the archive's management."""
        self._flow_check("accept")
        for file in self:
            file._check_submission_sent()
            if location.department_id != file.archive_unit_id:
                raise UserError(
                    _(
                        "%(location)s is not a storage location of %(archive)s, which keeps %(file)s.",
                        location=location.name,
                        archive=file.archive_unit_id.name,
                        file=file.display_name,
                    )
                )
            item = self.env["moffice.archive.item"].sudo()._keep_file(file, location)
            file._flow_step(
                "accept",
                {
                    "date_archived": fields.Date.context_today(file),
                    "accepted_by_id": self.env.uid,
                    "archive_item_id": item.id,
                },
            )
            file.submission_id._decide(file, "accepted")
        return True

    def _return(self, reason):
        """Custodian of its archive: the file goes back to its unit, with the reason."""
        self._flow_check("return")
        if not (reason or "").strip():
            raise UserError(_("Say why the file is returned to its unit."))
        for file in self:
            file._check_submission_sent()
            submission = file.submission_id
            file._flow_step("return", {"submission_id": False, "return_reason": reason})
            submission._decide(file, "returned", reason)
            file.message_post(
                body=_("Returned by the archive (%(user)s): %(reason)s", user=self.env.user.name, reason=reason),
                partner_ids=file.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _check_submission_sent(self):
        self.ensure_one()
        if self.submission_id.state != "sent":
            raise UserError(
                _(
                    "The submission list holding %(file)s has not been handed over to the archive yet.",
                    file=self.display_name,
                )
            )

    def _base_due(self):
        self.ensure_one()
        return self.date_end + SUBMISSION_DELAY

    def _ask_keep(self, until, reason):
        """The unit asks a leader to keep the due file back until ``until`` (at most two more years)."""
        self._flow_check("ask_keep")
        if not (reason or "").strip():
            raise UserError(_("Say why the unit keeps the file back."))
        until = fields.Date.to_date(until)
        for file in self:
            if not file.date_due:
                raise UserError(_("%(file)s is not due to the archive.", file=file.display_name))
            latest = file._base_due() + KEEP_BACK_MAX
            if not until or until <= file.date_due or until > latest:
                raise UserError(
                    _(
                        "%(file)s can be kept back after %(due)s until %(latest)s at the latest (two years more).",
                        file=file.display_name,
                        due=file.date_due.strftime("%d/%m/%Y"),
                        latest=latest.strftime("%d/%m/%Y"),
                    )
                )
            file._flow_step(
                "ask_keep",
                {"keep_request_until": until, "keep_request_reason": reason, "keep_requested_by_id": self.env.uid},
            )
            file._flow_schedule("moffice_archive.mail_activity_file_keep", file._flow_users(LEADER), note=reason)
        return True

    def action_keep(self):
        """Leader: approve keeping the file back; the approval is recorded."""
        self._flow_check("keep")
        for file in self:
            if not file.keep_request_until:
                raise UserError(_("Nobody asked to keep %(file)s back.", file=file.display_name))
            file._flow_done("moffice_archive.mail_activity_file_keep")
            file._flow_step(
                "keep",
                {
                    "keep_until": file.keep_request_until,
                    "keep_reason": file.keep_request_reason,
                    "kept_by_id": self.env.uid,
                    "date_kept": fields.Date.context_today(file),
                    "keep_request_until": False,
                    "keep_request_reason": False,
                    "keep_requested_by_id": False,
                    "warning_stage": "none",
                },
            )
            file._message_log(
                body=_(
                    "Kept back by the unit until %(date)s, approved by %(leader)s: %(reason)s",
                    date=file.keep_until.strftime("%d/%m/%Y"),
                    leader=self.env.user.name,
                    reason=file.keep_reason,
                )
            )
        return True

    def _refuse_keep(self, reason):
        self._flow_check("refuse_keep")
        for file in self:
            if not file.keep_request_until:
                raise UserError(_("Nobody asked to keep %(file)s back.", file=file.display_name))
            file._flow_done("moffice_archive.mail_activity_file_keep")
            file._flow_step(
                "refuse_keep",
                {"keep_request_until": False, "keep_request_reason": False, "keep_requested_by_id": False},
            )
            file.message_post(
                body=_("Keeping back refused by %(leader)s: %(reason)s", leader=self.env.user.name, reason=reason),
                partner_ids=file.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _hand_over(self, user):
        """Unit head or leader: another person takes charge of the file."""
        self._flow_check("hand_over")
        if not user or user.share or not user.active:
            raise UserError(_("Choose the staff member who takes the files over."))
        for file in self:
            previous = file.user_id
            file._flow_done("moffice_archive.mail_activity_file_hand_over")
            file._flow_step("hand_over", {"user_id": user.id})
            file.message_post(
                body=_("Handed over from %(previous)s to %(user)s.", previous=previous.name, user=user.name),
                partner_ids=user.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _link_case(self, case):
        """Leader or clerk: this open file is where ``case`` is filed; its
        documents, and those added to the case later, become documents of the file."""
        self._flow_check("link_case")
        self.ensure_one()
        linked = self.sudo().search([("case_id", "=", case.id), ("id", "!=", self.id)], limit=1)
        if linked:
            raise UserError(
                _("%(case)s is already filed in %(file)s.", case=case.name, file=linked.sudo().display_name)
            )
        self._flow_step("link_case", {"case_id": case.id})
        self.sudo()._add(documents=case.sudo().document_ids)
        return True

    # ------------------------------------------------------------------------
    # the warnings of files due to the archive (Appendix VI-III-5b)
    # ------------------------------------------------------------------------
    @api.model
    def _cron_warn_due(self):
        """Warn the person in charge and the unit head of each closed file due
        to the archive: 30 days before its due date, then once it is late.
        Reads the files whose next warning has come through an index, so it
        costs what the files to warn cost, however many files there are."""
        today = fields.Date.context_today(self)
        by_scheduler = bool(self.env.context.get("ir_cron_progress_id"))
        while True:
            files = self.search([("date_warning", "<=", today)], limit=WARNING_BATCH, order="date_warning, id")
            files._warn_due(today)
            full = len(files) == WARNING_BATCH
            if by_scheduler or not full:
                remaining = self.search_count([("date_warning", "<=", today)]) if full else 0
                self.env["ir.cron"]._notify_progress(done=len(files), remaining=remaining)
                return

    def _warn_due(self, today):
        late = self.filtered(lambda file: file.date_due < today)
        for stage, files in (("late", late), ("soon", self - late)):
            if not files:
                continue
            for file in files:
                note = (
                    _(
                        "%(file)s was due to the archive on %(date)s: submit it, or ask a leader to keep it back.",
                        file=file.display_name,
                        date=file.date_due.strftime("%d/%m/%Y"),
                    )
                    if stage == "late"
                    else _(
                        "%(file)s is due to the archive by %(date)s.",
                        file=file.display_name,
                        date=file.date_due.strftime("%d/%m/%Y"),
                    )
                )
                file._flow_schedule(
                    "moffice_archive.mail_activity_file_due",
                    file.user_id | file.department_id.manager_id.user_id,
                    note=note,
                    deadline=file.date_due,
                )
            files.sudo()._flow_step("warn", {"warning_stage": stage})

    # ------------------------------------------------------------------------
    # buttons
    # ------------------------------------------------------------------------
    def action_open_close(self):
        self._flow_check("close")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Close the file"),
            "res_model": "moffice.archive.file.close",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_file_id": self.id,
                "default_name": self.name,
                "default_retention_id": self.retention_id.id,
                "default_description": self.description,
                "default_removed_entry_ids": self._review_entries().ids,
            },
        }

    def action_open_add(self):
        self.ensure_one()
        return self.env["moffice.archive.file.add"]._open(file=self)

    def action_open_accept(self):
        self._flow_check("accept")
        return self.env["moffice.archive.reason"]._open(self, "accept", _("Accept into the archive"))

    def action_open_return(self):
        self._flow_check("return")
        return self.env["moffice.archive.reason"]._open(self, "return", _("Return to the unit"))

    def action_open_keep(self):
        self._flow_check("ask_keep")
        return self.env["moffice.archive.reason"]._open(
            self, "ask_keep", _("Ask to keep it back"), date=self[:1].date_due and self[:1]._base_due() + KEEP_BACK_MAX
        )

    def action_open_refuse_keep(self):
        self._flow_check("refuse_keep")
        return self.env["moffice.archive.reason"]._open(self, "refuse_keep", _("Refuse keeping it back"))

    def action_open_hand_over(self):
        self._flow_check("hand_over")
        return self.env["moffice.archive.reason"]._open(self, "hand_over", _("Hand over"))

    def action_export_pdf(self):
        return self._export_action("pdf")

    def action_export_xml(self):
        return self._export_action("xml")

    def _export_action(self, kind):
        """Export the whole file, attach the export to it and download it."""
        self.ensure_one()
        attachment = self._export_attachment(kind)
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
