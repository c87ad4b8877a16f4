import io
import logging
from datetime import datetime, timedelta

from markupsafe import Markup

from odoo import _, _lt, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.pdf import PdfFileReader, PdfReadError

from ..tools.search_index import ensure_trigram_index, has_unaccent
from .base import client_read
from .ir_attachment import FROZEN_DOCUMENT_STATES
from .moffice_flow_mixin import Editable, Step
from .pdf_mark import mark_pdf, mark_stream
from .roles import CLERK, CUSTODIAN, LEADER, ROLE_ADMIN, ROLE_GROUPS, ROLE_SYSTEM_ADMIN, SYSTEM_ADMIN

_logger = logging.getLogger(__name__)

KINDS = [
    ("incoming", "Incoming document"),
    ("outgoing", "Outgoing document"),
    ("internal", "Internal document"),
    ("decision", "Decision"),
    ("draft", "Draft document"),
    ("note", "Processing note"),
    ("copy", "Copy"),
]
STATES = [
    ("draft", "Draft"),
    ("registered", "Registered"),
    ("consulting", "Collecting comments"),
    ("submitted", "Submitted to a leader"),
    ("returned", "Returned"),
    ("approved", "Approved"),
    ("routed", "In handling"),
    ("released", "Released"),
    ("done", "Handled"),
    ("issued", "Issued"),
    ("recalled", "Recalled"),
    ("withdrawn", "Withdrawn by its issuer"),
    ("cancelled", "Cancelled"),
]
URGENCY = [
    ("normal", "Normal"),
    ("urgent", "Urgent"),
    ("very_urgent", "Very urgent"),
    ("flash", "Flash"),
]
CONFIDENTIALITY = [
    ("normal", "Normal"),
    ("confidential", "Confidential"),
    ("secret", "Secret"),
    ("top_secret", "Top secret"),
]
# Kinds that are released (numbered by the clerk) after a leader's approval.
RELEASED_KINDS = ("outgoing", "internal", "decision", "copy")
# Released kinds that may also be sent on paper by post (postal dispatch register).
POSTED_KINDS = ("outgoing", "decision", "copy")
# Kinds that are drafted, commented and approved (a draft becomes one of them).
DRAFTED_KINDS = ("outgoing", "internal", "decision", "draft")
# States in which a document is frozen: nothing about it changes any more.
FROZEN_STATES = FROZEN_DOCUMENT_STATES
# What the clerk's desk has no longer to do once the document is passed on.
CLERK_TURN_OVER = {"date_clerk_due": False, "is_clerk_alerted": False}
# How long an urgent document may wait at the clerk's desk (working hours).
URGENT_CLERK_HOURS = 2
# Confidentiality levels numbered in their own series (Art. 15).
CONFIDENTIAL_LEVELS = ("confidential", "secret", "top_secret")
# States in which a drafted document is still being prepared by its drafter.
PREPARING = ("draft", "consulting", "returned")
# States in which the document is still open: its deadline can pass.
OPEN_STATES = ("registered", "consulting", "submitted", "returned", "approved", "routed")
# Roles that may create documents of any kind; specialists draft.
REGISTERING_ROLES = {LEADER, CLERK, SYSTEM_ADMIN, CUSTODIAN}
# Relations to a document (see _flow_relations_held).
OWNER, HANDLER = "owner", "handler"
# Who reads the access history of documents (and their access counts).
HISTORY_READERS = f"{ROLE_ADMIN},{ROLE_SYSTEM_ADMIN}"
ACCESS_CHANGE_ACTIVITY = "moffice_documents.mail_activity_document_access_change"
# Dates as Vietnamese write them, in the agency's time (marks on files).
MARK_DATE_FORMAT = "%d/%m/%Y %H:%M"

# The flow of every kind, in one table: step, label, from states, to state
# (None: unchanged), who may take it, kinds (None: all).
FLOW = (
    Step("register", _lt("Register"), ("draft",), "registered", (CLERK,), ("incoming",)),
    Step("submit", _lt("Submit to leader"), ("registered", "returned"), "submitted", (CLERK,), ("incoming",)),
    Step("route", _lt("Route"), ("submitted", "routed"), "routed", (LEADER,), ("incoming",)),
    Step("mark_done", _lt("Mark as handled"), ("routed",), "done", (HANDLER, LEADER), ("incoming",)),
    Step("ask_comments", _lt("Ask for comments"), PREPARING, "consulting", (OWNER, CLERK, LEADER), DRAFTED_KINDS),
    Step("submit", _lt("Submit to leader"), PREPARING, "submitted", (OWNER, CLERK, LEADER), DRAFTED_KINDS),
    Step("approve", _lt("Approve"), ("submitted",), "approved", (LEADER,), DRAFTED_KINDS),
    Step("release", _lt("Release"), ("approved",), "released", (CLERK,), RELEASED_KINDS),
    Step("dispatch", _lt("Record a postal dispatch"), ("released",), None, (CLERK,), POSTED_KINDS),
    Step("return", _lt("Return"), ("submitted",), "returned", (LEADER,), ("incoming", *DRAFTED_KINDS, "copy")),
    # A document wrongly addressed or invalid goes back to its sender unregistered (Art. 18).
    Step("return_to_sender", _lt("Return to the sender"), ("draft",), "cancelled", (CLERK,), ("incoming",)),
    Step("issue", _lt("Issue"), ("draft",), "issued", (OWNER, LEADER), ("note",)),
    # Copies (Art. 25-27): the clerk prepares them, a leader authorises them.
    Step("submit", _lt("Submit to leader"), ("draft", "returned"), "submitted", (CLERK,), ("copy",)),
    Step("approve", _lt("Approve"), ("submitted",), "approved", (LEADER,), ("copy",)),
    # Recall (Art. 18.4): a released document is frozen; an incoming one its
    # issuer recalls is withdrawn from its handlers, its metadata kept.
    Step("recall", _lt("Recall"), ("released",), "recalled", (LEADER,), RELEASED_KINDS),
    Step(
        "withdraw",
        _lt("Withdraw (recalled by its issuer)"),
        ("registered", "submitted", "returned", "routed", "done"),
        "withdrawn",
        (LEADER, CLERK),
        ("incoming",),
    ),
    Step(
        "cancel",
        _lt("Cancel"),
        tuple(state for state, _label in STATES if state not in ("cancelled", *FROZEN_STATES)),
        "cancelled",
        (LEADER,),
    ),
    Step(
        "grant_read",
        _lt("Grant read access"),
        tuple(state for state, _label in STATES if state not in FROZEN_STATES),
        None,
        (LEADER,),
    ),
)

# What may still be edited by hand, by whom, in which states; everything
# else (state, kind, register entry, holder, routing, approval and signing,
# readers, handling result, reasons) changes only through the steps above.
INCOMING_CONTENT = (
    "summary",
    "reference",
    "identifier_code",
    "language",
    "notes",
    "issuer_id",
    "document_type_id",
    "date_document",
    "signer_name",
    "signer_title",
    "page_count",
    "copy_count",
    "urgency",
    "confidentiality",
    "channel",
    "attachment_ids",
    "department_id",
    "leader_id",
    "case_id",
)
DRAFT_CONTENT = (
    "summary",
    "language",
    "notes",
    "amended_document_id",
    "amendment_type",
    "document_type_id",
    "body",
    "attachment_ids",
    "urgency",
    "confidentiality",
    "department_id",
    "leader_id",
    "target_kind",
    "recipient_ids",
    "recipients_note",
    "publish_department_ids",
    "page_count",
    "copy_count",
    "case_id",
    "answered_document_ids",
)
COPY_CONTENT = (
    "summary",
    "source_document_id",
    "document_type_id",
    "attachment_ids",
    "urgency",
    "confidentiality",
    "department_id",
    "leader_id",
    "recipient_ids",
    "recipients_note",
    "page_count",
    "copy_count",
    "notes",
    "case_id",
)
RELEASE_DETAILS = (
    "notes",
    "attachment_ids",
    "recipient_ids",
    "recipients_note",
    "publish_department_ids",
    "page_count",
    "copy_count",
    "date_document",
)
NOTE_CONTENT = ("summary", "body", "attachment_ids", "parent_id", "case_id")
EDITABLE = (
    Editable(INCOMING_CONTENT, (OWNER, CLERK), ("draft",), ("incoming",)),
    Editable(INCOMING_CONTENT, (CLERK,), ("registered", "returned"), ("incoming",)),
    Editable(DRAFT_CONTENT, (OWNER,), PREPARING, DRAFTED_KINDS),
    Editable(DRAFT_CONTENT, (LEADER,), (*PREPARING, "submitted"), DRAFTED_KINDS),
    Editable(RELEASE_DETAILS, (CLERK,), ("approved",), RELEASED_KINDS),
    Editable(NOTE_CONTENT, (OWNER,), ("draft",), ("note",)),
    Editable(COPY_CONTENT, (OWNER, CLERK), ("draft", "returned"), ("copy",)),
    Editable(("is_notable", "case_id"), (LEADER, CLERK), tuple(s for s, _l in STATES if s not in FROZEN_STATES)),
    Editable(("active",), (LEADER,), tuple(s for s, _l in STATES if s not in FROZEN_STATES)),
)
# The data standard (Decree 30/2020, Appendix VI, Part II): the longest each
# field may be (characters), or the largest number it may hold.
DATA_STANDARD_LENGTHS = {
    "identifier_code": 60,  # OrganId (13) . year (4) . number and symbol
    "reference": 42,  # CodeNumber (11) / CodeNotation (30)
    "summary": 500,  # Subject
    "language": 30,  # Language
    "notes": 500,  # Description
    "signer_title": 100,  # Position
    "signer_name": 50,  # FullName
    "recipients_note": 200,  # To: OrganName
    "handed_to": 1000,  # ToPlaces
}
ORGAN_NAME_LENGTH = 200  # OrganName of the issuer
DATA_STANDARD_NUMBERS = {
    "page_count": 999,  # PageAmount, 3 digits
    "copy_count": 999,  # IssuedAmount, 3 digits
}


class MofficeDocument(models.Model):
    """An official document of any kind, with its register entry and flow.

    One model for every kind, because the kinds share their data (Decree
    30/2020/NĐ-CP fields) and most of their flow; each kind has its own
    menu and views, and its steps in ``FLOW``. Who reads a document is kept
    in its access table (``moffice.access.mixin``).
    """

    _name = "moffice.document"
    _description = "M-Office document"
    _inherit = [
        "moffice.attachment.mixin",
        "mail.thread.main.attachment",
        "mail.activity.mixin",
        "moffice.wizard.mixin",
        "moffice.flow.mixin",
        "moffice.access.mixin",
    ]
    _order = "date_registered desc, id desc"
    _wizard_records_field = "document_ids"
    _rec_names_search = ["reference", "summary"]
    _mail_post_access = "read"

    _flow_steps = FLOW
    _flow_editable = EDITABLE
    _flow_relations = {OWNER: _lt("the drafter"), HANDLER: _lt("the lead handler")}
    _flow_creator = (OWNER,)
    _flow_kind_field = "kind"
    _flow_text_fields = (
        "summary",
        "reference",
        "identifier_code",
        "signer_name",
        "signer_title",
        "notes",
        "recipients_note",
        "language",
    )
    _access_user_fields = ("owner_id", "leader_id", "lead_user_id", "cohandler_ids", "info_user_ids", "reader_user_ids")
    _access_unit_fields = ("lead_department_id",)
    _access_group_fields = ("reader_group_ids",)

    # -- identity -----------------------------------------------------------
    kind = fields.Selection(KINDS, required=True, index=True, tracking=True, default="incoming")
    state = fields.Selection(STATES, required=True, default="draft", index=True, tracking=True, copy=False)
    summary = fields.Char(
        required=True,
        index="trigram",
        tracking=True,
        help="Trích yếu: what the document is about.",
    )
    reference = fields.Char(
        string="Number and symbol",
        index="trigram",
        tracking=True,
        copy=False,
        help="Số, ký hiệu: as printed on an incoming document; built from the "
        "register's pattern when an outgoing document is released.",
    )
    register_id = fields.Many2one("moffice.register", readonly=True, copy=False, index=True)
    register_number = fields.Integer(
        string="Register number",
        readonly=True,
        copy=False,
        index=True,
        aggregator=None,
        help="Arrival number (số đến) of an incoming document, number of a released one.",
    )
    register_year = fields.Integer(readonly=True, copy=False, aggregator=None)
    document_type_id = fields.Many2one("moffice.document.type", string="Document type", tracking=True, index=True)
    date_document = fields.Date(string="Document date", tracking=True, index=True)
    date_registered = fields.Datetime(
        string="Registration date",
        readonly=True,
        copy=False,
        help="Arrival date and time of an incoming document; release date of an outgoing one.",
    )
    issuer_id = fields.Many2one(
        "res.partner",
        string="Issuing body",
        tracking=True,
        index=True,
        domain=[("is_company", "=", True)],
    )
    signer_name = fields.Char(string="Signer", index="trigram")
    signer_title = fields.Char(string="Signer's title")
    signer_id = fields.Many2one("res.users", string="Signing leader", tracking=True)
    recipient_ids = fields.Many2many(
        "res.partner",
        "moffice_document_recipient_rel",
        "document_id",
        "partner_id",
        string="Recipients",
        help="Nơi nhận: the organisations and people the document is sent to.",
    )
    recipients_note = fields.Char(string="Other recipients", help="e.g. Như Điều 2; Lưu: VT.")
    page_count = fields.Integer(
        string="Pages", aggregator=None, help="Counted from the PDF file when the document is registered or released."
    )
    copy_count = fields.Integer(string="Copies", default=1, aggregator=None)
    identifier_code = fields.Char(
        string="Identifier code",
        index=True,
        copy=False,
        help="Mã định danh: the agency code (OrganId), the year and the number and symbol; given by the system "
        "when an outgoing document is released, copied from the document for an incoming one.",
    )
    language = fields.Char(default="Tiếng Việt")
    notes = fields.Char(help="Ghi chú: printed in the register's notes column.")
    urgency = fields.Selection(URGENCY, required=True, default="normal", tracking=True, index=True)
    confidentiality = fields.Selection(CONFIDENTIALITY, required=True, default="normal", tracking=True, index=True)
    channel = fields.Selection(
        [("paper", "Paper"), ("email", "E-mail"), ("exchange", "Inter-agency exchange")],
        string="Received by",
        default="paper",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "moffice_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Files",
        copy=False,
        help="The scan of an incoming document or the signed file of an outgoing one first.",
    )
    body = fields.Html(string="Content", help="The text of a draft, a note or an internal document.")
    attachment_text = fields.Char(
        string="Words in files",
        compute="_compute_attachment_text",
        search="_search_attachment_text",
        help="Search the text of the attached files (PDF, Word, spreadsheets).",
    )

    # -- who ----------------------------------------------------------------
    owner_id = fields.Many2one(
        "res.users",
        string="Drafted by",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        index=True,
        tracking=True,
        default=lambda self: self.env.user._moffice_unit(),
        help="The unit responsible for the document: the drafting unit of an outgoing one.",
    )
    holder_id = fields.Many2one(
        "res.users",
        string="Held by",
        tracking=True,
        index=True,
        help="Who has to act on the document now.",
    )
    leader_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(ROLE_GROUPS[LEADER]).id)],
        help="The leader the document is submitted to.",
    )

    # -- routing and handling -------------------------------------------------
    direction = fields.Text(tracking=True, help="Ý kiến chỉ đạo of the leader.")
    workflow_type_id = fields.Many2one("moffice.workflow.type", string="Processing flow")
    lead_user_id = fields.Many2one("res.users", string="Lead handler", tracking=True, index=True)
    lead_department_id = fields.Many2one("hr.department", string="Lead unit", tracking=True, index=True)
    cohandler_ids = fields.Many2many(
        "res.users",
        "moffice_document_cohandler_rel",
        "document_id",
        "user_id",
        string="Co-handlers",
    )
    info_user_ids = fields.Many2many(
        "res.users",
        "moffice_document_info_rel",
        "document_id",
        "user_id",
        string="For information",
    )
    date_deadline = fields.Date(string="Handling deadline", tracking=True, index=True)
    date_routed = fields.Datetime(readonly=True, copy=False)
    date_handed_over = fields.Datetime(
        string="Date handed over",
        readonly=True,
        copy=False,
        help="Ngày chuyển: when the document was handed to its handler (routing) or to its recipients (release).",
    )
    handed_to = fields.Char(
        string="Handed to",
        readonly=True,
        copy=False,
        help="Ký nhận: who received the document, as the flow recorded it.",
    )
    routed_by_id = fields.Many2one("res.users", string="Routed by", readonly=True, copy=False)
    result = fields.Text(string="Handling result", tracking=True, copy=False)
    date_done = fields.Datetime(string="Handled on", readonly=True, copy=False)
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late", string="Late")
    answered_document_ids = fields.Many2many(
        "moffice.document",
        "moffice_document_answer_rel",
        "answer_id",
        "document_id",
        string="Answers",
        domain=[("kind", "=", "incoming")],
        help="The incoming documents this document answers.",
    )
    answer_ids = fields.Many2many(
        "moffice.document",
        "moffice_document_answer_rel",
        "document_id",
        "answer_id",
        string="Answered by",
        readonly=True,
        help="The documents drafted in answer to this incoming document.",
    )
    dispatch_ids = fields.One2many(
        "moffice.document.dispatch",
        "document_id",
        string="Postal dispatches",
        groups="moffice_documents.group_moffice_document_admin,moffice_documents.group_moffice_clerk",
    )
    duplicate_count = fields.Integer(compute="_compute_duplicate_count", string="Similar documents")

    # -- comments, drafts, notes, publication -----------------------------------
    comment_ids = fields.One2many("moffice.document.comment", "document_id", string="Comments")
    target_kind = fields.Selection(
        [("outgoing", "Outgoing document"), ("internal", "Internal document"), ("decision", "Decision")],
        string="Becomes",
        default="outgoing",
        help="What a draft becomes once a leader approves it.",
    )
    parent_id = fields.Many2one(
        "moffice.document",
        string="About document",
        index=True,
        ondelete="restrict",
        help="The document a processing note is about.",
    )
    note_ids = fields.One2many("moffice.document", "parent_id", string="Processing notes")
    note_type = fields.Selection(
        [("direction", "Leader's direction"), ("opinion", "Specialist's opinion")],
        string="Note type",
        compute="_compute_note_type",
        store=True,
        help="A leader's note is a direction, anyone else's an opinion.",
    )
    publish_department_ids = fields.Many2many(
        "hr.department",
        "moffice_document_publish_rel",
        "document_id",
        "department_id",
        string="Publish to units",
        help="Units an internal document is published to; empty for everyone.",
    )

    # -- access, follow-up ----------------------------------------------------
    reader_user_ids = fields.Many2many(
        "res.users",
        "moffice_document_reader_rel",
        "document_id",
        "user_id",
        string="Readers",
        help="People granted read access by a document administrator.",
    )
    reader_group_ids = fields.Many2many(
        "moffice.work.group",
        "moffice_document_reader_group_rel",
        "document_id",
        "group_id",
        string="Reader groups",
    )
    is_notable = fields.Boolean(string="In the digest", tracking=True, help="Marked for the document digest.")
    access_count = fields.Integer(
        string="Accesses",
        compute="_compute_access_count",
        aggregator="sum",
        groups=HISTORY_READERS,
        help="How many times the document was opened, one of its files downloaded or one of its reports printed.",
    )
    has_access_change = fields.Boolean(
        string="Access changes to confirm",
        compute="_compute_has_access_change",
        search="_search_has_access_change",
        groups=ROLE_ADMIN,
        help="Its readers changed and no other document administrator has confirmed it yet.",
    )
    case_id = fields.Many2one("moffice.case", index=True, tracking=True)
    return_reason = fields.Text(readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False)
    date_cancelled = fields.Datetime(readonly=True, copy=False)
    date_clerk_due = fields.Datetime(
        string="Due at the clerk's desk",
        readonly=True,
        copy=False,
        index=True,
        help="When the clerk must have passed the document on: submitted to a leader (incoming), released (approved).",
    )
    is_clerk_alerted = fields.Boolean(string="Clerks alerted", readonly=True, copy=False)
    is_late_at_clerk = fields.Boolean(
        string="Late at the clerk's desk", compute="_compute_is_late_at_clerk", search="_search_is_late_at_clerk"
    )
    recall_reason = fields.Text(string="Reason of the recall", readonly=True, copy=False)
    date_recalled = fields.Datetime(string="Recalled on", readonly=True, copy=False)
    recalled_by_id = fields.Many2one("res.users", string="Recalled by", readonly=True, copy=False)

    # -- copies, replacement and correction ------------------------------------
    source_document_id = fields.Many2one(
        "moffice.document",
        string="Copy of",
        index=True,
        ondelete="restrict",
        help="The document this one is a true copy, a copy of a copy or an extract of.",
    )
    copy_ids = fields.One2many("moffice.document", "source_document_id", string="Copies made")
    amended_document_id = fields.Many2one(
        "moffice.document",
        string="Amends",
        index=True,
        ondelete="restrict",
        domain=[("state", "=", "released")],
        help="A released document this one replaces (same form, right content) or corrects (official letter).",
    )
    amendment_type = fields.Selection(
        [("replacement", "Replaces it"), ("correction", "Corrects it (đính chính)")], string="Amendment"
    )
    amendment_ids = fields.One2many("moffice.document", "amended_document_id", string="Replaced or corrected by")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "register_number_unique",
            "unique(register_id, register_year, register_number)",
            "A number can be used only once in a register each year.",
        ),
    ]

    def init(self):
        """The lists' default order, newest first, is one index walked backward
        (it also serves searches on the registration date). Words are searched
        ignoring diacritics and case, through trigram indexes on ``unaccent``."""
        result = super().init()
        tools.create_index(
            self.env.cr, "moffice_document_date_registered_id_index", self._table, ["date_registered", "id"]
        )
        # Number and symbol are unique within the year, whatever the register (Art. 15).
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS moffice_document_reference_year_unique "
                "ON moffice_document (company_id, register_year, reference) "
                "WHERE register_number > 0 AND kind IN %s",
                RELEASED_KINDS,
            )
        )
        # The desks' queues: a kind in a state (its statistics tell the
        # planner how many, not a guess from kind and state apart), and the
        # open documents by deadline (what is late).
        tools.create_index(self.env.cr, "moffice_document_kind_state_index", self._table, ["kind", "state"])
        self.env.cr.execute(
            "CREATE STATISTICS IF NOT EXISTS moffice_document_kind_state_stats (mcv) "
            "ON kind, state FROM moffice_document"
        )
        tools.create_index(
            self.env.cr,
            "moffice_document_open_deadline_index",
            self._table,
            ["date_deadline"],
            where=self.env.cr.mogrify("state IN %s", [OPEN_STATES]).decode(),
        )
        for name, field in self._fields.items():
            if field.index == "trigram" and field.store:
                ensure_trigram_index(self.env, self._table, name)
        if not has_unaccent(self.env):
            _logger.warning(
                "Searches of M-Office documents do not ignore Vietnamese diacritics: the database lacks an "
                "immutable unaccent function. Run Odoo with the option unaccent (README, Deployment)."
            )
        return result

    # ------------------------------------------------------------------------
    # computes and constraints
    # ------------------------------------------------------------------------
    def _flow_is_urgent(self):
        return self.urgency != "normal"

    @api.depends("date_deadline", "state")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for document in self:
            document.is_late = bool(
                document.date_deadline and document.date_deadline < today and document.state in OPEN_STATES
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on Late."))
        domain = [("date_deadline", "<", fields.Date.context_today(self)), ("state", "in", OPEN_STATES)]
        return domain if (operator == "=") == value else ["!"] + expression.normalize_domain(domain)

    @api.depends_context("uid")
    @api.depends("kind", "issuer_id", "reference", "date_document")
    def _compute_duplicate_count(self):
        for document in self:
            document.duplicate_count = (
                len(document._find_duplicates()) if document.kind == "incoming" and document.id else 0
            )

    def _compute_access_count(self):
        """One query for the whole page of a list (entries of every user)."""
        counts = dict(
            self.env["moffice.document.access.log"]
            .sudo()
            ._read_group([("document_id", "in", self.ids)], ["document_id"], ["__count"])
        )
        for document in self:
            document.access_count = counts.get(document._origin, 0)

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        """The access count as SQL: lists sort by it and pivots sum it."""
        if fname != "access_count":
            return super()._field_to_sql(alias, fname, query, flush)
        self.check_field_access_rights("read", [fname])
        log = self.env["moffice.document.access.log"]
        return SQL(
            "(SELECT COUNT(*) FROM %s WHERE %s = %s)",
            SQL.identifier(log._table),
            SQL.identifier(log._table, "document_id"),
            SQL.identifier(alias, "id"),
        )

    def _compute_has_access_change(self):
        pending = self._pending_access_changes()
        for document in self:
            document.has_access_change = document._origin in pending.document_id

    def _search_has_access_change(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["has_access_change"].string))
        pending = self.env["moffice.document.access.change"].sudo()._search([("state", "=", "pending")])
        return [("id", "in" if (operator == "=") == value else "not in", pending.subselect("document_id"))]

    def _pending_access_changes(self):
        return (
            self.env["moffice.document.access.change"]
            .sudo()
            .search([("document_id", "in", self._origin.ids), ("state", "=", "pending")])
        )

    @api.depends("kind", "owner_id")
    def _compute_note_type(self):
        for document in self:
            if document.kind != "note":
                document.note_type = False
            else:
                document.note_type = "direction" if document.owner_id.has_group(ROLE_GROUPS[LEADER]) else "opinion"

    def _compute_attachment_text(self):
        """Search-only field: the indexed text is not shown on the document."""
        self.attachment_text = False

    def _search_attachment_text(self, operator, value):
        # The index is read with sudo to find candidates only; the documents
        # found are still filtered by the user's record rules. One query: the
        # files' search is a subquery of the documents' search.
        files = (
            self.env["ir.attachment"]
            .sudo()
            ._search([("res_model", "=", self._name), ("index_content", operator, value)])
        )
        return [("id", "in", files.subselect(SQL.identifier(files.table, "res_id")))]

    @api.depends("reference", "summary")
    def _compute_display_name(self):
        for document in self:
            document.display_name = " - ".join(filter(None, [document.reference, document.summary]))

    @api.constrains("date_deadline", "date_document")
    def _check_deadline(self):
        for document in self:
            if document.date_deadline and document.date_document and document.date_deadline < document.date_document:
                raise ValidationError(
                    _(
                        "The handling deadline (%(deadline)s) of %(document)s cannot be before the document date "
                        "(%(date)s).",
                        deadline=document.date_deadline,
                        document=document.display_name,
                        date=document.date_document,
                    )
                )

    @api.constrains("answered_document_ids")
    def _check_answered_documents(self):
        for document in self:
            # Checked whatever the drafter may read of the documents answered.
            if any(answered.kind != "incoming" for answered in document.sudo().answered_document_ids):
                raise ValidationError(
                    _("%(document)s can only answer incoming documents.", document=document.display_name)
                )

    @api.constrains("kind", "parent_id")
    def _check_note_parent(self):
        for document in self:
            if document.parent_id and document.parent_id.kind == "note":
                raise ValidationError(_("A processing note is about a document, not about another note."))

    @api.constrains(*DATA_STANDARD_LENGTHS, *DATA_STANDARD_NUMBERS, "issuer_id")
    def _check_data_standard(self):
        """The lengths of the data standard (Decree 30/2020, Appendix VI, Part II)."""
        for document in self:
            values = {name: document[name] for name in DATA_STANDARD_LENGTHS}
            values["issuer_id"] = document.issuer_id.name
            limits = {**DATA_STANDARD_LENGTHS, "issuer_id": ORGAN_NAME_LENGTH}
            for name, limit in limits.items():
                if values[name] and len(values[name]) > limit:
                    raise ValidationError(
                        _(
                            "%(field)s of %(document)s has %(length)s characters; the data standard of Decree "
                            "30/2020 (Appendix VI) allows at most %(limit)s.",
                            field=document._fields[name]._description_string(self.env),
                            document=document.summary,
                            length=len(values[name]),
                            limit=limit,
                        )
                    )
            for name, limit in DATA_STANDARD_NUMBERS.items():
                if not 0 <= document[name] <= limit:
                    raise ValidationError(
                        _(
                            "%(field)s of %(document)s must be between 0 and %(limit)s (data standard of Decree "
                            "30/2020, Appendix VI).",
                            field=document._fields[name]._description_string(self.env),
                            document=document.summary,
                            limit=limit,
                        )
                    )

    @api.constrains("kind", "source_document_id", "confidentiality")
    def _check_copy(self):
        levels = [level for level, _label in CONFIDENTIALITY]
        for document in self:
            if document.kind == "copy" and not document.source_document_id:
                raise ValidationError(_("A copy names the document it copies."))
            source = document.source_document_id
            if source and levels.index(document.confidentiality) < levels.index(source.sudo().confidentiality):
                raise ValidationError(
                    _("A copy is at least as confidential as its source %(document)s.", document=source.display_name)
                )

    @api.constrains("amended_document_id", "amendment_type", "document_type_id")
    def _check_amendment(self):
        for document in self:
            amended = document.amended_document_id.sudo()
            if not amended:
                continue
            if not document.amendment_type:
                raise ValidationError(
                    _(
                        "Say whether %(document)s replaces or corrects %(amended)s.",
                        document=document.summary,
                        amended=amended.display_name,
                    )
                )
            if document.amendment_type == "replacement" and document.document_type_id != amended.document_type_id:
                raise ValidationError(
                    _(
                        "A document replacing %(amended)s has its form: %(type)s.",
                        amended=amended.display_name,
                        type=amended.document_type_id.name,
                    )
                )
            if document.amendment_type == "correction" and not document.document_type_id.is_letter:
                raise ValidationError(
                    _("%(amended)s is corrected by an official letter (đính chính).", amended=amended.display_name)
                )

    # ------------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------------
    def web_read(self, specification):
        with client_read() as outermost:
            result = super().web_read(specification)
        if outermost:
            self._log_opening(specification)
        return result

    # Opening a document writes its access history: not a read-only call
    # (/web/dataset/call_kw takes a read/write cursor for it).
    web_read._readonly = False

    def read(self, fields=None, load="_classic_read"):
        with client_read() as outermost:
            result = super().read(fields, load)
        if outermost:
            self._log_opening(fields)
        return result

    read._readonly = False

    def _log_opening(self, field_names):
        """Log that the current user opened these documents: a client read
        more than their names (the form's web_read, or read over RPC). The
        reads a form, a list or another record run for the documents they
        show are not openings (``client_read``), nor superuser code."""
        documents = self.browse([id_ for id_ in self._ids if isinstance(id_, int)])
        if self.env.su or not documents or not set(field_names or self._fields) - {"id", "display_name"}:
            return
        self.env["moffice.document.access.log"]._record(documents, "open")

    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su or REGISTERING_ROLES & self._flow_roles()):
            if any(vals.get("kind", "incoming") not in ("draft", "note") for vals in vals_list):
                raise AccessError(
                    _(
                        "Specialists create draft documents and processing notes; other documents "
                        "are registered by the clerk or created by the leaders."
                    )
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        registered = self.filtered(lambda document: document.register_number or document.state != "draft")
        if registered:
            raise UserError(
                _(
                    "%(document)s has been registered or submitted and can never be deleted. A document "
                    "administrator can cancel it with a reason; it stays in its register.",
                    document=registered[0].display_name,
                )
            )

    def _pdf_page_count(self):
        """The pages of the document's first PDF file (0 when it has none or it cannot be read)."""
        self.ensure_one()
        # Counted whoever asks: only the number of pages is told.
        pdf = self.sudo().attachment_ids.filtered(lambda attachment: attachment.mimetype == "application/pdf")[:1]
        if not pdf:
            return 0
        try:
            return len(PdfFileReader(io.BytesIO(pdf.raw), strict=False).pages)
        except (PdfReadError, ValueError, KeyError, TypeError):
            return 0

    # ------------------------------------------------------------------------
    # who is who
    # ------------------------------------------------------------------------
    def _flow_relations_held(self, user):
        relations = set()
        if user == self.owner_id:
            relations.add(OWNER)
        if user == self.lead_user_id or (
            self.lead_department_id and user == self.lead_department_id.manager_id.user_id
        ):
            relations.add(HANDLER)
        return relations

    @api.model
    def _access_trigger_fields(self):
        return super()._access_trigger_fields() | {"state"}

    def _access_readable_condition(self):
        """A document its issuer recalled leaves every handler's view."""
        return SQL("r.state != 'withdrawn'")

    def _access_extra_sources(self):
        """Whoever is asked for comments reads the document."""
        return [SQL("SELECT c.user_id FROM moffice_document_comment c WHERE c.document_id = r.id")]

    # ------------------------------------------------------------------------
    # incoming flow
    # ------------------------------------------------------------------------
    def _find_duplicates(self):
        """Registered incoming documents with the same issuer, number-symbol
        and date, among those the user may see (the clerk sees them all)."""
        self.ensure_one()
        domains = []
        if self.identifier_code:
            domains.append([("identifier_code", "=", self.identifier_code.strip())])
        if self.issuer_id and self.reference and self.date_document:
            domains.append(
                [
                    ("issuer_id", "=", self.issuer_id.id),
                    ("reference", "=ilike", self.reference.strip()),
                    ("date_document", "=", self.date_document),
                ]
            )
        if not domains:
            return self.browse()
        return self.search(
            expression.AND(
                [
                    [("id", "!=", self.id), ("kind", "=", "incoming"), ("register_number", "!=", 0)],
                    expression.OR(domains),
                ]
            )
        )

    def action_register(self):
        """Clerk: give an incoming document the next arrival number."""
        self._flow_check("register")
        for document in self:
            if not document.issuer_id:
                raise UserError(
                    _(
                        "Choose the issuing body of %(document)s from the partner organisations before "
                        "registering it; ask a specialist to add it to the catalog if it is missing.",
                        document=document.summary,
                    )
                )
            duplicates = document._find_duplicates()
            if duplicates and not self.env.context.get("moffice_register_duplicate"):
                raise UserError(
                    _(
                        "%(document)s looks already registered: arrival number %(number)s has the same identifier "
                        "code, or the same issuer, number and symbol and date. Check it, then confirm with "
                        "Register anyway if this is really another document.",
                        document=document.display_name,
                        number=duplicates[0].register_number,
                    )
                )
            arrival = fields.Datetime.now()
            register = self.env["moffice.register"]._find_for(
                "incoming",
                document.document_type_id,
                document.department_id,
                document.company_id,
                confidential=document.confidentiality in CONFIDENTIAL_LEVELS,
            )
            number = register._take_number(fields.Date.context_today(document, arrival))
            document._flow_step(
                "register",
                {
                    "register_id": register.id,
                    "register_number": number,
                    "register_year": fields.Date.context_today(document, arrival).year,
                    "date_registered": arrival,
                    "holder_id": self.env.user.id,
                    "page_count": document.page_count or document._pdf_page_count(),
                    **document._clerk_turn(arrival),
                },
            )
            document._flow_log(
                _(
                    "Registered in %(register)s with arrival number %(number)02d.",
                    register=register.name,
                    number=number,
                )
            )
        return True

    def action_register_duplicate(self):
        """Clerk: register although a similar document exists (after checking)."""
        return self.with_context(moffice_register_duplicate=True).action_register()

    def action_submit(self):
        """Submit to the chosen leader: incoming (clerk) or drafted documents."""
        self._flow_check("submit")
        for document in self:
            if document.kind == "incoming" and not document.attachment_ids:
                raise UserError(
                    _(
                        "Attach the scanned file of %(document)s before submitting it to a leader.",
                        document=document.display_name,
                    )
                )
            if not document.leader_id:
                raise UserError(_("Choose the leader to submit %(document)s to.", document=document.display_name))
            document._flow_done("moffice_documents.mail_activity_document_revise")
            document._flow_step("submit", {"holder_id": document.leader_id.id, **CLERK_TURN_OVER})
            activity = (
                "moffice_documents.mail_activity_document_route"
                if document.kind == "incoming"
                else "moffice_documents.mail_activity_document_approve"
            )
            document._flow_schedule(activity, document.leader_id, deadline=document.date_deadline)
        return True

    def _route(self, values):
        """Leader: record the direction and route an incoming document."""
        self._flow_check("route")
        lead = values.get("lead_user_id") and self.env["res.users"].browse(values["lead_user_id"])
        unit = values.get("lead_department_id") and self.env["hr.department"].browse(values["lead_department_id"])
        if not lead and not unit:
            raise UserError(_("Choose who leads the handling: a person or a unit."))
        lead = lead or unit.manager_id.user_id
        if not lead:
            raise UserError(
                _("The unit %(unit)s has no head with a login to lead the handling; choose a person.", unit=unit.name)
            )
        for document in self:
            document._flow_done("moffice_documents.mail_activity_document_route")
            document._flow_step(
                "route",
                {
                    **values,
                    "holder_id": lead.id,
                    "date_routed": fields.Datetime.now(),
                    "routed_by_id": self.env.user.id,
                    "date_handed_over": fields.Datetime.now(),
                    "handed_to": ", ".join(filter(None, [values.get("lead_department_id") and unit.name, lead.name])),
                },
            )
            handlers = lead | document.cohandler_ids
            document._flow_schedule(
                "moffice_documents.mail_activity_document_handle",
                handlers,
                note=document.direction,
                deadline=document.date_deadline,
            )
            document.message_subscribe(partner_ids=document.info_user_ids.partner_id.ids)
            document.message_post(
                body=_(
                    "Routed by %(leader)s. Direction: %(direction)s",
                    leader=self.env.user.name,
                    direction=document.direction or "-",
                ),
                partner_ids=(handlers | document.info_user_ids).partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            document._on_routed()
        return True

    def _on_routed(self):
        """Hook for the addons that turn a routing into work (tasks)."""
        return True

    def _mark_done(self, result):
        """Lead handler (or a leader): the incoming document is handled, with its result."""
        self._flow_check("mark_done")
        if not (result or "").strip():
            raise UserError(_("Write the handling result before closing the document."))
        for document in self:
            document._flow_step(
                "mark_done",
                {
                    "result": result,
                    "date_done": fields.Datetime.now(),
                    "holder_id": False,
                },
            )
            document._flow_done("moffice_documents.mail_activity_document_handle")
            document._message_log(body=_("Handled by %(user)s: %(result)s", user=self.env.user.name, result=result))
        return True

    # ------------------------------------------------------------------------
    # outgoing, internal, decision and draft flow
    # ------------------------------------------------------------------------
    def _request_comments(self, user_ids, date_due, note):
        """Ask the users ``user_ids`` for their comments by ``date_due``."""
        users = self.env["res.users"].browse(user_ids)
        self._flow_check("ask_comments")
        if not users:
            raise UserError(_("Choose whom to ask for comments."))
        for document in self:
            # Comment requests are made by this step only, never by hand.
            self.env["moffice.document.comment"].sudo().create(
                [
                    {"document_id": document.id, "user_id": user.id, "date_due": date_due, "request": note}
                    for user in users
                ]
            )
            document._flow_step("ask_comments")
            document._flow_schedule(
                "moffice_documents.mail_activity_document_comment", users, note=note, deadline=date_due
            )
        return True

    def action_approve(self):
        """Leader: approve the content; a draft becomes what it was drafted as."""
        self._flow_check("approve")
        for document in self:
            values = {
                "signer_id": document.signer_id.id or self.env.user.id,
                "holder_id": False,
                **document._clerk_turn(fields.Datetime.now()),
            }
            if document.kind == "draft":
                values["kind"] = document.target_kind
            document._flow_step("approve", values)
            document._flow_done("moffice_documents.mail_activity_document_approve")
            document._flow_schedule("moffice_documents.mail_activity_document_release", document._flow_users(CLERK))
        return True

    def action_release(self):
        """Clerk: number, date and send (outgoing) or publish (internal) the document."""
        self._flow_check("release")
        for document in self:
            if not document.attachment_ids and document.kind != "internal":
                raise UserError(
                    _("Attach the signed file of %(document)s before releasing it.", document=document.summary)
                )
            if document.kind == "outgoing" and not (document.recipient_ids or document.recipients_note):
                raise UserError(_("Add the recipients of %(document)s before releasing it.", document=document.summary))
            now = fields.Datetime.now()
            today = fields.Date.context_today(document, now)
            register = self.env["moffice.register"]._find_for(
                document.kind,
                document.document_type_id,
                document.department_id,
                document.company_id,
                confidential=document.confidentiality in CONFIDENTIAL_LEVELS,
            )
            number = register._take_number(today)
            reference = register._format_reference(number, document.document_type_id, document.department_id, today)
            document._check_reference_is_free(reference, today.year)
            values = {
                "register_id": register.id,
                "register_number": number,
                "register_year": today.year,
                "reference": reference,
                "identifier_code": document.company_id._moffice_identifier(today.year, reference),
                "date_document": document.date_document or today,
                "date_registered": now,
                # Filled by the system: kept within the data standard's lengths.
                "signer_name": document.signer_name
                or (document.signer_id.name or "")[: DATA_STANDARD_LENGTHS["signer_name"]],
                "signer_title": document.signer_title
                or (document.signer_id.employee_id.job_title or "")[: DATA_STANDARD_LENGTHS["signer_title"]],
                "page_count": document.page_count or document._pdf_page_count(),
                "date_handed_over": now,
                **CLERK_TURN_OVER,
            }
            readers = document._publication_readers() if document.kind == "internal" else self.env["res.users"]
            values["handed_to"] = (
                ", ".join(document.publish_department_ids.mapped("name")) or _("All staff")
                if document.kind == "internal"
                else ", ".join(filter(None, [*document.recipient_ids.mapped("name"), document.recipients_note]))
            )[: DATA_STANDARD_LENGTHS["handed_to"]]
            if readers:
                values["reader_user_ids"] = [fields.Command.link(user.id) for user in readers]
            document._flow_step("release", values)
            document._flow_done("moffice_documents.mail_activity_document_release")
            if document.kind == "internal":
                document.message_post(
                    body=_("Published as %(reference)s.", reference=document.reference),
                    partner_ids=readers.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                )
            else:
                document._send_to_recipients()
            document._announce_amendment()
        return True

    def _check_reference_is_free(self, reference, year):
        """Refuse a number and symbol another register already gave this year (Art. 15)."""
        self.ensure_one()
        taken = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("id", "!=", self.id),
                    ("company_id", "=", self.company_id.id),
                    ("register_year", "=", year),
                    ("reference", "=", reference),
                    ("kind", "in", RELEASED_KINDS),
                    ("register_number", ">", 0),
                ],
                limit=1,
            )
        )
        if taken:
            raise UserError(
                _(
                    "The number and symbol %(reference)s was already given this year by the register %(register)s: "
                    "two registers number into the same symbols. Ask the system administrator to give them "
                    "different symbol patterns.",
                    reference=reference,
                    register=taken.register_id.name,
                )
            )

    def _announce_amendment(self):
        """A released replacement or correction is announced on the document it amends."""
        self.ensure_one()
        if not self.amended_document_id:
            return
        message = (
            _("Replaced by %(document)s.", document=self.display_name)
            if self.amendment_type == "replacement"
            else _("Corrected by %(document)s.", document=self.display_name)
        )
        self.amended_document_id.sudo()._message_log(body=message)

    def _send_to_recipients(self):
        """E-mail the released document with its files to the recipients that have an address."""
        self.ensure_one()
        recipients = self._email_recipients()
        self.message_post(
            body=_(
                "Released as %(reference)s and sent to: %(recipients)s",
                reference=self.reference,
                recipients=", ".join(self.recipient_ids.mapped("name")) or self.recipients_note,
            ),
            subject=self.display_name,
            partner_ids=recipients.ids,
            attachment_ids=self.attachment_ids.ids,
            subtype_xmlid="mail.mt_comment",
        )

    def _email_recipients(self):
        """The recipients told by e-mail: those with an address (addons that
        deliver by other ways take theirs out)."""
        return self.recipient_ids.filtered("email")

    def _publication_readers(self):
        """The staff of the chosen units (everyone when none) an internal document is published to."""
        self.ensure_one()
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [("department_id", "child_of", self.publish_department_ids.ids)]
                if self.publish_department_ids
                else [("company_id", "=", self.company_id.id)]
            )
        )
        return employees.user_id

    def _dispatch(self, values):
        """Clerk: record a postal dispatch of released documents (an entry of
        the postal dispatch register): ``values`` of moffice.document.dispatch."""
        self._flow_check("dispatch")
        if values.get("envelope_count", 0) < 1:
            raise UserError(_("Say how many envelopes were handed to the post office."))
        for document in self:
            # Dispatches are recorded by this step only, never by hand.
            dispatch = (
                self.env["moffice.document.dispatch"]
                .sudo()
                .create({**values, "document_id": document.id, "user_id": self.env.uid})
            )
            document._flow_step("dispatch")
            document._message_log(
                body=_(
                    "Sent by post on %(date)s to %(recipients)s: %(count)s envelopes.",
                    date=dispatch.date_dispatch.strftime("%d/%m/%Y"),
                    recipients=dispatch._recipients_label(),
                    count=dispatch.envelope_count,
                )
            )
        return True

    # ------------------------------------------------------------------------
    # returning, cancelling, notes, access
    # ------------------------------------------------------------------------
    def _return(self, reason):
        """Leader: send a submitted document back with a reason."""
        self._flow_check("return")
        for document in self:
            back_to = document._flow_users(CLERK) if document.kind in ("incoming", "copy") else document.owner_id
            clerk_turn = document._clerk_turn(fields.Datetime.now()) if document.kind in ("incoming", "copy") else {}
            document._flow_step("return", {"return_reason": reason, "holder_id": back_to[:1].id, **clerk_turn})
            document._flow_done(
                "moffice_documents.mail_activity_document_route", "moffice_documents.mail_activity_document_approve"
            )
            document._flow_schedule("moffice_documents.mail_activity_document_revise", back_to, note=reason)
            document._message_log(
                body=_("Returned by %(leader)s: %(reason)s", leader=self.env.user.name, reason=reason)
            )
        return True

    def _return_to_sender(self, reason):
        """Clerk: send an incoming document back to its sender unregistered
        (wrongly addressed or invalid), with the reason; it is kept, cancelled."""
        self._flow_check("return_to_sender")
        if not (reason or "").strip():
            raise UserError(_("Say why the document is returned to its sender."))
        for document in self:
            document.activity_ids.sudo().unlink()
            document._flow_step(
                "return_to_sender",
                {"cancel_reason": reason, "date_cancelled": fields.Datetime.now(), "holder_id": False},
            )
            document._message_log(
                body=_("Returned to the sender by %(user)s: %(reason)s", user=self.env.user.name, reason=reason)
            )
        return True

    def _cancel(self, reason):
        """Document administrator: withdraw or remove a document (never deleted)."""
        self._flow_check("cancel")
        for document in self:
            document.activity_ids.sudo().unlink()
            document._flow_step(
                "cancel",
                {
                    "cancel_reason": reason,
                    "date_cancelled": fields.Datetime.now(),
                    "holder_id": False,
                    **CLERK_TURN_OVER,
                },
            )
            document._message_log(
                body=_("Cancelled by %(leader)s: %(reason)s", leader=self.env.user.name, reason=reason)
            )
        return True

    def _recall(self, reason):
        """Document administrator: recall a released document (Art. 18.4). It is
        frozen — document, files and metadata — and its recipients are told."""
        self._flow_check("recall")
        if not (reason or "").strip():
            raise UserError(_("Say why the document is recalled."))
        for document in self:
            document._flow_step("recall", document._recall_values(reason))
            document.message_post(
                body=_("Recalled by %(leader)s: %(reason)s", leader=self.env.user.name, reason=reason),
                partner_ids=document._email_recipients().ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _withdraw(self, reason):
        """Leader or clerk: the issuer recalled this incoming document. It leaves
        every handler's view, its metadata kept with the recall (who, when, why)."""
        self._flow_check("withdraw")
        if not (reason or "").strip():
            raise UserError(_("Say why the document is withdrawn (the issuer's recall notice)."))
        for document in self:
            document.activity_ids.sudo().unlink()
            document._flow_step("withdraw", document._recall_values(reason))
            document._message_log(
                body=_(
                    "Withdrawn, recalled by its issuer (%(user)s): %(reason)s", user=self.env.user.name, reason=reason
                )
            )
            document._on_withdrawn()
        return True

    def _recall_values(self, reason):
        return {
            "recall_reason": reason,
            "date_recalled": fields.Datetime.now(),
            "recalled_by_id": self.env.user.id,
            "holder_id": False,
            **CLERK_TURN_OVER,
        }

    def _on_withdrawn(self):
        """Hook for the addons that hold work on the document (tasks are cancelled)."""
        return True

    def action_new_copy(self):
        """Clerk: prepare a true copy, a copy of a copy or an extract of this document."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Copy of a document"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_kind": "copy",
                "default_source_document_id": self.id,
                "default_summary": self.summary,
                "default_confidentiality": self.confidentiality,
                "default_urgency": self.urgency,
                "default_document_type_id": self.env.ref("moffice_documents.type_copy_true").id,
            },
        }

    # ------------------------------------------------------------------------
    # the clerk's desk (Art. 18, 23)
    # ------------------------------------------------------------------------
    def _clerk_turn(self, moment):
        """The clerk has to pass the document on by the end of the next working
        day, an urgent one within two working hours."""
        self.ensure_one()
        company = self.company_id
        due = (
            company._moffice_plan_work(URGENT_CLERK_HOURS, "hours", moment)
            if self.urgency != "normal"
            else company._moffice_next_working_day_end(moment)
        )
        return {"date_clerk_due": due, "is_clerk_alerted": False}

    def _search_is_late_at_clerk(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["is_late_at_clerk"].string))
        domain = [("date_clerk_due", "<", fields.Datetime.now())]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("date_clerk_due")
    def _compute_is_late_at_clerk(self):
        now = fields.Datetime.now()
        for document in self:
            document.is_late_at_clerk = bool(document.date_clerk_due and document.date_clerk_due < now)

    @api.model
    def _cron_alert_clerk_desk(self):
        """Hourly: a document the clerk has not passed on in time (not submitted
        to a leader, not released) becomes an activity for the clerks, once."""
        late = self.search([("is_late_at_clerk", "=", True), ("is_clerk_alerted", "=", False)])
        for document in late:
            document._flow_schedule(
                "moffice_documents.mail_activity_document_clerk_late",
                document._flow_users(CLERK),
                note=_("%(document)s is late at the clerk's desk.", document=document.display_name),
            )
        late.write({"is_clerk_alerted": True})

    def action_issue(self):
        """Author: issue a processing note (a direction or an opinion)."""
        self._flow_check("issue")
        for document in self:
            document._flow_step("issue", {"date_registered": fields.Datetime.now()})
            if document.parent_id:
                document.parent_id._message_log(
                    body=_(
                        "%(type)s by %(author)s: %(summary)s",
                        type=dict(document._fields["note_type"]._description_selection(self.env)).get(
                            document.note_type
                        ),
                        author=document.owner_id.name,
                        summary=document.summary,
                    ),
                )
        return True

    def _flow_step(self, name, values=None, **trace):
        """The step "Grant read access" records each change of the readers
        (moffice.document.access.change) for the other leaders to confirm."""
        if name != "grant_read":
            return super()._flow_step(name, values, **trace)
        before = {document.id: (document.sudo().reader_user_ids, document.sudo().reader_group_ids) for document in self}
        result = super()._flow_step(name, values, **trace)
        for document in self:
            self.env["moffice.document.access.change"]._record(document.sudo(), *before[document.id])
        return result

    def _access_change_warn(self):
        """Each document administrator who may confirm a pending change of
        these documents' readers (one they did not make) has an activity on
        the document; the others' activities are closed."""
        pending = self._pending_access_changes()
        activity_type = self.env.ref(ACCESS_CHANGE_ACTIVITY)
        for document in self.sudo():
            authors = pending.filtered(lambda change, document=document: change.document_id == document).user_id
            leaders = document._flow_users(LEADER)
            to_warn = leaders.filtered(lambda leader, authors=authors: authors - leader)
            document._flow_done(ACCESS_CHANGE_ACTIVITY, users=leaders - to_warn)
            warned = document.activity_ids.filtered(lambda activity: activity.activity_type_id == activity_type).user_id
            for leader in to_warn - warned:
                document.activity_schedule(ACCESS_CHANGE_ACTIVITY, user_id=leader.id)

    def action_open_access_changes(self):
        """The changes of this document's readers, those to confirm first."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Access changes"),
            "res_model": "moffice.document.access.change",
            "view_mode": "list,form",
            "domain": [("document_id", "=", self.id)],
            "context": {"search_default_filter_pending": 1},
        }

    def action_open_access_log(self):
        """The access history of this document: who opened it, downloaded or printed what, when."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Access history"),
            "res_model": "moffice.document.access.log",
            "view_mode": "list,pivot,graph",
            "domain": [("document_id", "=", self.id)],
        }

    # ------------------------------------------------------------------------
    # files and reports served: logged and marked
    # ------------------------------------------------------------------------
    def _marks_files(self):
        """Whether the agency marks the files and reports of one of these documents' confidentiality level."""
        return any(document.company_id._moffice_marks(document.confidentiality) for document in self.sudo())

    def _mark_text(self, moment, printed):
        """The mark: the agency, the user and the time (the agency's)."""
        company = self[:1].sudo().company_id
        values = {
            "agency": company.name,
            "user": self.env.user.name,
            "time": company._moffice_local(moment).strftime(MARK_DATE_FORMAT),
        }
        if printed:
            return _("%(agency)s - printed by %(user)s on %(time)s", **values)
        return _("%(agency)s - downloaded by %(user)s on %(time)s", **values)

    def _serve_file(self, attachment, stream):
        """Log the download of ``attachment``, a file of this document, and
        serve a copy of a PDF with the mark on each page when the agency marks
        the document's level (the stored file never changes). Other files
        (images, office documents, archives) are served as they are: the
        mark needs a page that every reader shows; their download is logged
        all the same, as not marked."""
        self.ensure_one()
        now = fields.Datetime.now()
        marked = self._marks_file(attachment) and mark_stream(stream, self._mark_text(now, printed=False))
        stream = marked or stream
        # one request, one whole file, one entry: no byte ranges (a PDF
        # viewer asking for pieces) nor "not modified" answers
        stream.conditional = False
        self.env["moffice.document.access.log"]._record(
            self, "download", attachment.name, marked=bool(marked), date=now
        )
        return stream

    def _marks_file(self, attachment):
        """Whether ``attachment``, a file of this document, is served marked."""
        return self._marks_files()

    def _serve_report(self, report, content, kind):
        """Log the printing of ``report`` for these documents and mark its PDF
        like their files (one of them of a marked level marks it all)."""
        now = fields.Datetime.now()
        data = None
        if kind == "pdf" and self._marks_files():
            data = mark_pdf(content, self._mark_text(now, printed=True))
        self.env["moffice.document.access.log"]._record(self, "print", report.name, marked=data is not None, date=now)
        return content if data is None else data

    def _grant_read(self, users=None, groups=None):
        """Document administrator: let more persons or work groups read the documents."""
        return self._flow_step(
            "grant_read",
            {
                "reader_user_ids": [fields.Command.link(user.id) for user in (users or [])],
                "reader_group_ids": [fields.Command.link(group.id) for group in (groups or [])],
            },
        )

    def action_open_grant(self):
        self._flow_check("grant_read")
        return self._open_wizard("moffice.document.grant", _("Grant read access"))

    def action_open_route(self):
        self._flow_check("route")
        return self._open_wizard(
            "moffice.document.route",
            _("Route"),
            direction=self[:1].direction,
            lead_user_id=self[:1].lead_user_id.id,
            date_deadline=self[:1].date_deadline,
        )

    def action_open_return(self):
        self._flow_check("return")
        return self._open_wizard("moffice.document.reason", _("Return"), action="return")

    def action_open_return_to_sender(self):
        self._flow_check("return_to_sender")
        return self._open_wizard("moffice.document.reason", _("Return to the sender"), action="return_to_sender")

    def action_open_done(self):
        self._flow_check("mark_done")
        return self._open_wizard("moffice.document.reason", _("Mark as handled"), action="done")

    def action_open_recall(self):
        self._flow_check("recall")
        return self._open_wizard("moffice.document.reason", _("Recall"), action="recall")

    def action_open_withdraw(self):
        self._flow_check("withdraw")
        return self._open_wizard("moffice.document.reason", _("Withdraw (recalled by its issuer)"), action="withdraw")

    def action_open_cancel(self):
        self._flow_check("cancel")
        return self._open_wizard("moffice.document.reason", _("Cancel"), action="cancel")

    def action_open_comment_request(self):
        self._flow_check("ask_comments")
        return self._open_wizard("moffice.document.comment.request", _("Ask for comments"))

    def action_open_dispatch(self):
        self._flow_check("dispatch")
        return self._open_wizard(
            "moffice.document.dispatch.wizard",
            _("Record a postal dispatch"),
            recipient_ids=self[:1].recipient_ids.ids,
            envelope_count=len(self[:1].recipient_ids) or 1,
        )

    def action_print_arrival_stamp(self):
        """The "ĐẾN" stamp of registered paper incoming documents."""
        self._check_printable("stamp")
        return self.env.ref("moffice_documents.action_report_arrival_stamp").report_action(self)

    def action_print_handling_slip(self):
        """The handling slip (phiếu giải quyết văn bản đến) of routed incoming documents."""
        self._check_printable("slip")
        return self.env.ref("moffice_documents.action_report_handling_slip").report_action(self)

    def action_new_note(self):
        """Write a processing note (a direction or an opinion) about this document."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Processing note"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "current",
            "context": {"default_kind": "note", "default_parent_id": self.id, "default_case_id": self.case_id.id},
        }

    def action_open_duplicates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Similar documents"),
            "res_model": self._name,
            "view_mode": "list,form",
            "domain": [("id", "in", self._find_duplicates().ids)],
        }

    # ------------------------------------------------------------------------
    # registers, forms and the follow-up of handling
    # ------------------------------------------------------------------------
    def _check_printable(self, form):
        """Refuse printing the ``form`` ("stamp": the arrival stamp of a
        registered paper document; "slip": the handling slip of a routed one)
        of documents it does not fit, or that the user may not read."""
        self.check_access("read")
        for document in self:
            if form == "stamp" and not (
                document.kind == "incoming" and document.channel == "paper" and document.register_number
            ):
                raise UserError(
                    _(
                        "The arrival stamp is printed for registered paper incoming documents; "
                        "%(document)s is not one.",
                        document=document.display_name,
                    )
                )
            if form == "slip" and not (
                document.kind == "incoming" and document.date_routed and document.state in ("routed", "done")
            ):
                raise UserError(
                    _(
                        "The handling slip is printed once a leader has routed the incoming document; "
                        "%(document)s is not routed.",
                        document=document.display_name,
                    )
                )

    def _print_date(self, value):
        """dd/mm/yyyy of a date, or of a UTC datetime in the agency's time."""
        if not value:
            return ""
        if isinstance(value, datetime):
            value = self.company_id._moffice_local(value)
        return value.strftime("%d/%m/%Y")

    def _identification(self):
        """Type, number and symbol, date and issuer in one phrase, e.g.
        "Công văn số 101/UBND-VX ngày 20/11/2026 của UBND tỉnh Hà Tĩnh"."""
        self.ensure_one()
        parts = [
            self.document_type_id.name,
            self.reference and _("No. %(reference)s", reference=self.reference),
            self.date_document and _("dated %(date)s", date=self.date_document.strftime("%d/%m/%Y")),
            self.issuer_id.name and _("issued by %(issuer)s", issuer=self.issuer_id.name),
        ]
        return " ".join(filter(None, parts))

    def _handling_closed_on(self):
        """The day (agency time) the handling ended: an incoming document
        marked as handled, a drafted one released; False while open."""
        self.ensure_one()
        moment = self.date_done if self.kind == "incoming" else self.state == "released" and self.date_registered
        return moment and self.company_id._moffice_local(moment).date()

    def _handling_deadline(self):
        """The deadline the handling is measured against: the document's own,
        or for an answer the earliest deadline of the incoming documents it
        answers (read whatever the user may see of them)."""
        self.ensure_one()
        if self.date_deadline:
            return self.date_deadline
        return min(filter(None, self.sudo().answered_document_ids.mapped("date_deadline")), default=False)

    def _handling_status(self, day):
        """Where the handling stood at the end of ``day``. The one definition
        of late for the trackers and the handling reports: a document is late
        when it was handled (incoming: marked as handled; outgoing: released)
        after its deadline day, or is still open on a day after its deadline
        day. Handled on the deadline day is on time; without a deadline,
        never late. Returns "on_time", "late", "open" or "open_late"."""
        self.ensure_one()
        closed, deadline = self._handling_closed_on(), self._handling_deadline()
        if closed and closed <= day:
            return "late" if deadline and closed > deadline else "on_time"
        return "open_late" if deadline and deadline < day else "open"

    def _handling_progress(self):
        """The progress of the handling as the tracker shows it, in parts
        (the work addon adds the state of the tasks)."""
        self.ensure_one()
        status = self._handling_status(self.company_id._moffice_now().date())
        if status in ("on_time", "late"):
            parts = [_("Handled on %(date)s", date=self._handling_closed_on().strftime("%d/%m/%Y"))]
        else:
            parts = [dict(self._fields["state"]._description_selection(self.env))[self.state]]
        if status in ("late", "open_late"):
            parts.append(_("late"))
        return parts

    def _handling_slip_unit_lines(self):
        """Part 2 of the handling slip: the directions of the head of the unit
        the document was routed to, as dicts (by, to, deadline, date, note);
        the work addon reads them from the tasks' forwarding log."""
        self.ensure_one()
        return []

    def _handling_slip_proposals(self):
        """Part 3 of the handling slip: the handlers' proposals, as dicts (by,
        text, date): their processing notes (opinions) and the handling result."""
        self.ensure_one()
        company = self.company_id
        opinions = self.note_ids.filtered(
            lambda note: note.kind == "note" and note.note_type == "opinion" and note.state == "issued"
        )
        proposals = [
            {
                "by": note.owner_id.name,
                "text": "\n".join(filter(None, [note.summary, tools.html2plaintext(note.body or "")])),
                "date": company._moffice_local(note.date_registered).date(),
            }
            for note in opinions.sorted("date_registered")
        ]
        if self.result:
            proposals.append(
                {
                    "by": (self.lead_user_id or self.lead_department_id.manager_id.user_id).name,
                    "text": self.result,
                    "date": self.date_done and company._moffice_local(self.date_done).date(),
                }
            )
        return proposals

    # ------------------------------------------------------------------------
    # scheduled actions
    # ------------------------------------------------------------------------
    @api.model
    def _cron_send_digest(self):
        """Weekly document digest (điểm văn bản) to the leaders: the documents
        marked notable in the past week."""
        since = fields.Datetime.now() - timedelta(days=7)
        notable = self.search([("is_notable", "=", True), ("write_date", ">=", since)], order="date_registered")
        for company in notable.company_id:
            documents = notable.filtered(lambda document, company=company: document.company_id == company)
            leaders = company._moffice_users(LEADER)
            if not leaders:
                continue
            lines = Markup("").join(Markup("<li>%s</li>") % document.display_name for document in documents)
            self.env["mail.thread"].message_notify(
                partner_ids=leaders.partner_id.ids,
                subject=_("Document digest of the week"),
                body=Markup("<p>%s</p><ul>%s</ul>") % (_("Notable documents of the past week:"), lines),
            )
