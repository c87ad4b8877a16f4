"""The desk (bàn làm việc): what awaits the current user, per role held.

Each addon declares its counters once (``_desk_counters``); a counter is a
domain on a model, counted as the user (record rules apply) and opened as
the list of exactly those records.
"""

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.safe_eval import safe_eval

from .moffice_document import DRAFTED_KINDS, RELEASED_KINDS
from .roles import CLERK, CUSTODIAN, LEADER, ROLE_GROUPS, ROLE_USER, SYSTEM_ADMIN

# Counts stop there: a desk shows "999+" rather than counting a backlog.
COUNT_CAP = 999
# Blocks besides the roles': everybody's own work, the heads of units'.
UNIT_HEAD, PERSONAL = "unit_head", "personal"


class Block(NamedTuple):
    """A block of the desk: its key (a role, or the two above), its title,
    and what it says when nothing awaits."""

    key: str
    title: object
    empty: object


BLOCKS = (
    Block(
        CLERK,
        _lt("Clerk's desk"),
        _lt("Nothing waits at the clerk's desk. Register a new incoming document from Documents › Incoming documents."),
    ),
    Block(LEADER, _lt("To decide"), _lt("Nothing waits for your decision.")),
    Block(UNIT_HEAD, _lt("My unit"), _lt("Your unit has no open work.")),
    Block(PERSONAL, _lt("My work"), _lt("Nothing awaits you. New work appears here as soon as it is given to you.")),
    Block(CUSTODIAN, _lt("Archive"), _lt("No loans or submissions wait for you.")),
    Block(SYSTEM_ADMIN, _lt("System"), _lt("No failures to look at.")),
)


class Counter(NamedTuple):
    """``domain(desk)`` returns the domain of the records counted; ``action``
    is the window action whose views open them; ``preview`` lists the first
    records (ordered by ``order``, dated by ``date_field``) under the count.
    A ``trusted`` domain selects only records the user's rules grant, and is
    counted without them (the list it opens applies them)."""

    key: str
    block: str
    label: object
    model: str
    domain: Callable
    action: str
    sequence: int = 10
    late: bool = False
    preview: int = 0
    order: str = None
    date_field: str = None
    trusted: bool = False


def _clerk_counters():
    return [
        Counter(
            "incoming_to_register",
            CLERK,
            _lt("Incoming documents to register"),
            "moffice.document",
            lambda desk: [("kind", "=", "incoming"), ("state", "=", "draft")],
            "moffice_documents.action_moffice_document_incoming",
            sequence=10,
        ),
        Counter(
            "incoming_to_submit",
            CLERK,
            _lt("Registered, to submit to a leader"),
            "moffice.document",
            lambda desk: [("kind", "=", "incoming"), ("state", "in", ("registered", "returned"))],
            "moffice_documents.action_moffice_document_incoming",
            sequence=20,
        ),
        Counter(
            "approved_to_release",
            CLERK,
            _lt("Approved, to release"),
            "moffice.document",
            lambda desk: [("kind", "in", RELEASED_KINDS), ("state", "=", "approved")],
            "moffice_documents.action_moffice_document_outgoing",
            sequence=30,
        ),
        Counter(
            "late_at_clerk",
            CLERK,
            _lt("Late at the clerk's desk"),
            "moffice.document",
            lambda desk: [("is_late_at_clerk", "=", True)],
            "moffice_documents.action_moffice_document_incoming",
            sequence=40,
            late=True,
            preview=5,
            order="date_clerk_due, id",
            date_field="date_clerk_due",
        ),
    ]


def _leader_counters():
    def mine(desk):
        return ["|", ("leader_id", "=", desk.env.uid), ("leader_id", "=", False)]

    return [
        Counter(
            "to_route",
            LEADER,
            _lt("Incoming documents to route"),
            "moffice.document",
            lambda desk: [("kind", "=", "incoming"), ("state", "=", "submitted"), *mine(desk)],
            "moffice_documents.action_moffice_document_incoming",
            sequence=10,
            preview=5,
            order="urgency desc, date_registered, id",
            date_field="date_registered",
        ),
        Counter(
            "to_approve",
            LEADER,
            _lt("Documents to approve"),
            "moffice.document",
            lambda desk: [("kind", "in", (*DRAFTED_KINDS, "copy")), ("state", "=", "submitted"), *mine(desk)],
            "moffice_documents.action_moffice_document_draft",
            sequence=20,
            preview=5,
            order="urgency desc, id",
        ),
        Counter(
            "access_changes",
            LEADER,
            _lt("Access changes to confirm"),
            "moffice.document",
            lambda desk: [("has_access_change", "=", True)],
            "moffice_documents.action_moffice_document_incoming",
            sequence=60,
            late=True,
        ),
        Counter(
            "documents_late",
            LEADER,
            _lt("Incoming documents past their deadline"),
            "moffice.document",
            lambda desk: [("kind", "=", "incoming"), ("is_late", "=", True)],
            "moffice_documents.action_moffice_document_incoming_tracking",
            sequence=70,
            late=True,
        ),
    ]


def _comments_asked(desk):
    # Counted without record rules (``trusted``): whoever is asked for a
    # comment reads the document through the access table unless its issuer
    # withdrew it (moffice.document._access_extra_sources and
    # _access_readable_condition), within their companies. The rules would
    # compare every document asked with every document the user may read.
    comments = (
        desk.env["moffice.document.comment"]
        .sudo()
        .search([("user_id", "=", desk.env.uid), ("state", "=", "requested")])
    )
    return [
        ("id", "in", comments.document_id.ids),
        ("state", "!=", "withdrawn"),
        ("company_id", "in", desk.env.companies.ids),
    ]


def _personal_counters():
    return [
        Counter(
            "documents_to_handle",
            PERSONAL,
            _lt("Documents I handle"),
            "moffice.document",
            lambda desk: [("kind", "=", "incoming"), ("state", "=", "routed"), ("lead_user_id", "=", desk.env.uid)],
            "moffice_documents.action_moffice_document_incoming",
            sequence=20,
            preview=5,
            order="date_deadline, id",
            date_field="date_deadline",
        ),
        Counter(
            "comments_asked",
            PERSONAL,
            _lt("Documents awaiting my comment"),
            "moffice.document",
            _comments_asked,
            "moffice_documents.action_moffice_document_draft",
            sequence=30,
            trusted=True,
        ),
        Counter(
            "drafts_returned",
            PERSONAL,
            _lt("My drafts returned"),
            "moffice.document",
            lambda desk: [("kind", "in", DRAFTED_KINDS), ("state", "=", "returned"), ("owner_id", "=", desk.env.uid)],
            "moffice_documents.action_moffice_document_draft",
            sequence=40,
        ),
        Counter(
            "for_information",
            PERSONAL,
            _lt("Documents for my information"),
            "moffice.document",
            lambda desk: [("state", "=", "routed"), ("info_user_ids", "in", desk.env.uid)],
            "moffice_documents.action_moffice_document_incoming",
            sequence=50,
        ),
    ]


def _unit_head_counters():
    return [
        Counter(
            "unit_documents",
            UNIT_HEAD,
            _lt("Documents in handling by my unit"),
            "moffice.document",
            lambda desk: [("state", "=", "routed"), ("lead_department_id", "in", desk._desk_units().ids)],
            "moffice_documents.action_moffice_document_incoming_tracking",
            sequence=10,
        ),
        Counter(
            "unit_documents_late",
            UNIT_HEAD,
            _lt("My unit's late documents"),
            "moffice.document",
            lambda desk: [("lead_department_id", "in", desk._desk_units().ids), ("is_late", "=", True)],
            "moffice_documents.action_moffice_document_incoming_tracking",
            sequence=20,
            late=True,
        ),
    ]


def _system_counters():
    return [
        Counter(
            "ocr_failed",
            SYSTEM_ADMIN,
            _lt("Scans the text recognition could not read"),
            "ir.attachment",
            lambda desk: [("res_model", "=", "moffice.document"), ("moffice_ocr_state", "=", "failed")],
            "moffice_documents.action_moffice_ocr_failed",
            sequence=50,
            late=True,
        ),
    ]


class MofficeDesk(models.AbstractModel):
    _name = "moffice.desk"
    _description = "M-Office desk"

    @api.model
    def _desk_counters(self):
        """Every counter of the desk; addons add theirs."""
        return [
            *_personal_counters(),
            *_clerk_counters(),
            *_leader_counters(),
            *_unit_head_counters(),
            *_system_counters(),
        ]

    @api.model
    def _desk_units(self):
        """The units the current user heads (looked up once per desk, see get_desk)."""
        Units = self.env["hr.department"].sudo()
        if "moffice_desk_unit_ids" in self.env.context:
            return Units.browse(self.env.context["moffice_desk_unit_ids"])
        return Units.search([("manager_id.user_id", "=", self.env.uid)])

    @api.model
    def _desk_blocks(self):
        """The keys of the blocks the current user is entitled to."""
        user = self.env.user
        if not user.has_group(ROLE_USER):
            return set()
        blocks = {PERSONAL} | {role for role, xmlid in ROLE_GROUPS.items() if user.has_group(xmlid)}
        if self._desk_units():
            blocks.add(UNIT_HEAD)
        return blocks

    @api.model
    def _desk_counter(self, key):
        counter = next((counter for counter in self._desk_counters() if counter.key == key), None)
        if not counter or counter.block not in self._desk_blocks():
            raise AccessError(_("This counter is not on your desk."))
        return counter

    @api.model
    def _desk_model(self, counter):
        model = self.env[counter.model]
        return model.sudo() if counter.trusted else model

    @api.model
    def _desk_preview(self, counter, domain):
        records = self._desk_model(counter).search(domain, order=counter.order, limit=counter.preview)
        return [
            {"id": record.id, "name": record.display_name, "date": self._desk_day(record, counter)}
            for record in records
        ]

    @api.model
    def _desk_day(self, record, counter):
        """The day of the preview's date, in the user's time zone."""
        value = counter.date_field and record[counter.date_field]
        if not value:
            return False
        if isinstance(value, datetime):
            value = fields.Datetime.context_timestamp(self, value).date()
        return str(value)

    @api.model
    def get_desk(self):
        """The desk of the current user: its blocks, each with its counters
        (counted with the user's record rules) and their first records."""
        self = self.with_context(moffice_desk_unit_ids=self._desk_units().ids)  # noqa: PLW0642
        allowed = self._desk_blocks()
        counters = sorted(
            (counter for counter in self._desk_counters() if counter.block in allowed), key=lambda c: c.sequence
        )
        blocks = []
        for block in BLOCKS:
            if block.key not in allowed:
                continue
            entries = []
            for counter in (counter for counter in counters if counter.block == block.key):
                domain = counter.domain(self)
                count = self._desk_model(counter).search_count(domain, limit=COUNT_CAP + 1)
                entries.append(
                    {
                        "key": counter.key,
                        "label": str(counter.label),
                        "model": counter.model,
                        "count": min(count, COUNT_CAP),
                        "more": count > COUNT_CAP,
                        "late": counter.late,
                        "records": self._desk_preview(counter, domain) if counter.preview and count else [],
                    }
                )
            blocks.append(
                {
                    "key": block.key,
                    "title": str(block.title),
                    "empty": str(block.empty),
                    "counters": entries,
                    "total": sum(entry["count"] for entry in entries),
                }
            )
        # What awaits comes first; the rest keeps the order of BLOCKS.
        blocks.sort(key=lambda block: not block["total"])
        return {"user": self.env.user.name, "today": str(fields.Date.context_today(self)), "blocks": blocks}

    @api.model
    def open_counter(self, key):
        """The list of exactly the records a counter counts."""
        counter = self._desk_counter(key)
        action = self.env["ir.actions.act_window"]._for_xml_id(counter.action)
        context = {
            name: value
            for name, value in safe_eval(action.get("context") or "{}", {"uid": self.env.uid}).items()
            if not name.startswith("search_default_")
        }
        for key in ("id", "xml_id", "path"):
            action.pop(key, None)
        return {
            **action,
            "name": str(counter.label),
            "display_name": str(counter.label),
            "res_model": counter.model,
            "domain": counter.domain(self),
            "context": context,
            "target": "current",
        }
