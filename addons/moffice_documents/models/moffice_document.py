from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

KINDS = [
    ("incoming", "Incoming document"),
    ("outgoing", "Outgoing document"),
    ("internal", "Internal document"),
    ("decision", "Decision"),
    ("draft", "Draft document"),
    ("note", "Processing note"),
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
RELEASED_KINDS = ("outgoing", "internal", "decision")
# States in which the document is still open: its deadline can pass.
OPEN_STATES = ("registered", "consulting", "submitted", "returned", "approved", "routed")
# Fields that may change once a document is released, handled or cancelled.
FINAL_WRITABLE = {
    "is_notable", "case_id", "reader_user_ids", "reader_group_ids", "active",
}
ROLE_ADMIN = "moffice_documents.group_moffice_document_admin"
ROLE_CLERK = "moffice_documents.group_moffice_clerk"
# Roles that may create documents of any kind; specialists draft.
ROLES_REGISTERING = (
    ROLE_ADMIN,
    ROLE_CLERK,
    "moffice_documents.group_moffice_system_admin",
    "moffice_documents.group_moffice_custodian",
)


class MofficeDocument(models.Model):
    """An official document of any kind, with its register entry and flow.

    One model for every kind, because the kinds share their data (Decree
    30/2020/NĐ-CP fields) and most of their flow; each kind has its own
    menu, views and allowed transitions (``_TRANSITIONS``).
    """

    _name = "moffice.document"
    _description = "M-Office document"
    _inherit = ["mail.thread.main.attachment", "mail.activity.mixin", "moffice.wizard.mixin"]
    _order = "date_registered desc, id desc"
    _wizard_records_field = "document_ids"
    _rec_names_search = ["reference", "summary"]

    # -- identity -----------------------------------------------------------
    kind = fields.Selection(KINDS, required=True, index=True, tracking=True, default="incoming")
    state = fields.Selection(STATES, required=True, default="draft", index=True, tracking=True, copy=False)
    summary = fields.Char(
        string="Summary", required=True, index="trigram", tracking=True,
        help="Trích yếu: what the document is about.",
    )
    reference = fields.Char(
        string="Number and symbol", index="trigram", tracking=True, copy=False,
        help="Số, ký hiệu: as printed on an incoming document; built from the "
        "register's pattern when an outgoing document is released.",
    )
    register_id = fields.Many2one("moffice.register", readonly=True, copy=False, index=True)
    register_number = fields.Integer(
        string="Register number", readonly=True, copy=False, index=True, aggregator=None,
        help="Arrival number (số đến) of an incoming document, number of a released one.",
    )
    register_year = fields.Integer(readonly=True, copy=False, aggregator=None)
    document_type_id = fields.Many2one("moffice.document.type", string="Document type", tracking=True, index=True)
    date_document = fields.Date(string="Document date", tracking=True, index=True)
    date_registered = fields.Datetime(
        string="Registration date", readonly=True, copy=False, index=True,
        help="Arrival date and time of an incoming document; release date of an outgoing one.",
    )
    issuer_id = fields.Many2one(
        "res.partner", string="Issuing body", tracking=True, index=True,
        domain=[("is_company", "=", True)],
    )
    signer_name = fields.Char(string="Signer")
    signer_title = fields.Char(string="Signer's title")
    signer_id = fields.Many2one("res.users", string="Signing leader", tracking=True)
    recipient_ids = fields.Many2many(
        "res.partner", "moffice_document_recipient_rel", "document_id", "partner_id",
        string="Recipients", help="Nơi nhận: the organisations and people the document is sent to.",
    )
    recipients_note = fields.Char(string="Other recipients", help="e.g. Như Điều 2; Lưu: VT.")
    page_count = fields.Integer(string="Pages", aggregator=None)
    copy_count = fields.Integer(string="Copies", default=1, aggregator=None)
    urgency = fields.Selection(URGENCY, required=True, default="normal", tracking=True, index=True)
    confidentiality = fields.Selection(CONFIDENTIALITY, required=True, default="normal", tracking=True, index=True)
    channel = fields.Selection(
        [("paper", "Paper"), ("email", "E-mail"), ("exchange", "Inter-agency exchange")],
        string="Received by", default="paper",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment", "moffice_document_attachment_rel", "document_id", "attachment_id",
        string="Files", copy=False,
        help="The scan of an incoming document or the signed file of an outgoing one first.",
    )
    body = fields.Html(string="Content", help="The text of a draft, a note or an internal document.")
    attachment_text = fields.Char(
        string="Words in files", compute="_compute_attachment_text", search="_search_attachment_text",
        help="Search the text of the attached files (PDF, Word, spreadsheets).",
    )

    # -- who ----------------------------------------------------------------
    owner_id = fields.Many2one(
        "res.users", string="Drafted by", default=lambda self: self.env.user, required=True,
        index=True, tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department", string="Unit", index=True, tracking=True,
        default=lambda self: self.env.user.employee_id.department_id,
        help="The unit responsible for the document: the drafting unit of an outgoing one.",
    )
    holder_id = fields.Many2one(
        "res.users", string="Held by", tracking=True, index=True,
        help="Who has to act on the document now.",
    )
    leader_id = fields.Many2one(
        "res.users", string="Leader", tracking=True, index=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(ROLE_ADMIN).id)],
        help="The leader the document is submitted to.",
    )

    # -- routing and handling -------------------------------------------------
    direction = fields.Text(string="Direction", tracking=True, help="Ý kiến chỉ đạo of the leader.")
    workflow_type_id = fields.Many2one("moffice.workflow.type", string="Processing flow")
    lead_user_id = fields.Many2one("res.users", string="Lead handler", tracking=True, index=True)
    lead_department_id = fields.Many2one("hr.department", string="Lead unit", tracking=True, index=True)
    cohandler_ids = fields.Many2many(
        "res.users", "moffice_document_cohandler_rel", "document_id", "user_id", string="Co-handlers",
    )
    info_user_ids = fields.Many2many(
        "res.users", "moffice_document_info_rel", "document_id", "user_id", string="For information",
    )
    date_deadline = fields.Date(string="Handling deadline", tracking=True, index=True)
    date_routed = fields.Datetime(readonly=True, copy=False)
    routed_by_id = fields.Many2one("res.users", string="Routed by", readonly=True, copy=False)
    result = fields.Text(string="Handling result", tracking=True, copy=False)
    date_done = fields.Datetime(string="Handled on", readonly=True, copy=False)
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late", string="Late")
    duplicate_count = fields.Integer(compute="_compute_duplicate_count", string="Similar documents")

    # -- comments, drafts, notes, publication -----------------------------------
    comment_ids = fields.One2many("moffice.document.comment", "document_id", string="Comments")
    target_kind = fields.Selection(
        [("outgoing", "Outgoing document"), ("internal", "Internal document"), ("decision", "Decision")],
        string="Becomes", default="outgoing",
        help="What a draft becomes once a leader approves it.",
    )
    parent_id = fields.Many2one(
        "moffice.document", string="About document", index=True, ondelete="restrict",
        help="The document a processing note is about.",
    )
    note_ids = fields.One2many("moffice.document", "parent_id", string="Processing notes")
    note_type = fields.Selection(
        [("direction", "Leader's direction"), ("opinion", "Specialist's opinion")],
        string="Note type",
    )
    publish_department_ids = fields.Many2many(
        "hr.department", "moffice_document_publish_rel", "document_id", "department_id",
        string="Publish to units", help="Units an internal document is published to; empty for everyone.",
    )

    # -- access, follow-up ----------------------------------------------------
    reader_user_ids = fields.Many2many(
        "res.users", "moffice_document_reader_rel", "document_id", "user_id", string="Readers",
        help="People granted read access by a document administrator.",
    )
    reader_group_ids = fields.Many2many(
        "moffice.work.group", "moffice_document_reader_group_rel", "document_id", "group_id",
        string="Reader groups",
    )
    is_notable = fields.Boolean(string="In the digest", tracking=True, help="Marked for the document digest.")
    case_id = fields.Many2one("moffice.case", string="Case", index=True, tracking=True)
    return_reason = fields.Text(readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False)
    date_cancelled = fields.Datetime(readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "register_number_unique",
            "unique(register_id, register_year, register_number)",
            "A number can be used only once in a register each year.",
        ),
    ]

    # ------------------------------------------------------------------------
    # computes and constraints
    # ------------------------------------------------------------------------
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

    @api.depends("kind", "issuer_id", "reference", "date_document")
    def _compute_duplicate_count(self):
        for document in self:
            document.duplicate_count = (
                len(document._find_duplicates()) if document.kind == "incoming" and document.id else 0
            )

    def _compute_attachment_text(self):
        """Search-only field: the indexed text is not shown on the document."""
        self.attachment_text = False

    def _search_attachment_text(self, operator, value):
        # The index is read with sudo to find candidates only; the documents
        # found are still filtered by the user's record rules.
        attachments = self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("index_content", operator, value)]
        )
        return [("id", "in", attachments.mapped("res_id"))]

    @api.depends("reference", "summary")
    def _compute_display_name(self):
        for document in self:
            document.display_name = " - ".join(filter(None, [document.reference, document.summary]))

    @api.constrains("date_deadline", "date_document")
    def _check_deadline(self):
        for document in self:
            if document.date_deadline and document.date_document and document.date_deadline < document.date_document:
                raise ValidationError(
                    _("The handling deadline (%(deadline)s) of %(document)s cannot be before the document date "
                      "(%(date)s).", deadline=document.date_deadline, document=document.display_name,
                      date=document.date_document)
                )

    @api.constrains("kind", "parent_id")
    def _check_note_parent(self):
        for document in self:
            if document.parent_id and document.parent_id.kind == "note":
                raise ValidationError(_("A processing note is about a document, not about another note."))

    # ------------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        user = self.env.user
        may_register = self.env.su or any(user.has_group(xmlid) for xmlid in ROLES_REGISTERING)
        for vals in vals_list:
            if not may_register and vals.get("kind", "incoming") not in ("draft", "note"):
                raise AccessError(_("Specialists create draft documents and processing notes; other documents "
                                    "are registered by the clerk or created by the leaders."))
            if vals.get("kind") == "note" and not vals.get("note_type"):
                vals["note_type"] = "direction" if user.has_group(ROLE_ADMIN) else "opinion"
        documents = super().create(vals_list)
        documents._link_attachments()
        return documents

    def write(self, vals):
        protected = set(vals) - FINAL_WRITABLE - {"state"}
        if protected and not self.env.su:
            final = self.filtered(lambda document: document.state in ("released", "done", "cancelled"))
            if final:
                raise UserError(
                    _("%(document)s is %(state)s: it can no longer be edited. A document administrator can "
                      "cancel it with a reason instead.", document=final[0].display_name,
                      state=dict(STATES)[final[0].state])
                )
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._link_attachments()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        registered = self.filtered(lambda document: document.register_number or document.state != "draft")
        if registered:
            raise UserError(
                _("%(document)s has been registered or submitted and can never be deleted. A document "
                  "administrator can cancel it with a reason; it stays in its register.",
                  document=registered[0].display_name)
            )

    def _link_attachments(self):
        for document in self:
            document.attachment_ids._moffice_attach_to(document)

    # ------------------------------------------------------------------------
    # permissions of the flow
    # ------------------------------------------------------------------------
    def _check_role(self, *xmlids, message=None):
        """Refuse the action unless the user holds one of the roles ``xmlids``."""
        user = self.env.user
        if self.env.su or any(user.has_group(xmlid) for xmlid in xmlids):
            return
        names = ", ".join(self.env.ref(xmlid).name for xmlid in xmlids)
        raise AccessError(message or _("Only a user with the role %(roles)s may do this.", roles=names))

    def _check_state(self, *states):
        for document in self:
            if document.state not in states:
                raise UserError(
                    _("%(document)s is %(state)s: this action is not possible now.",
                      document=document.display_name, state=dict(STATES)[document.state])
                )

    def _check_kind(self, *kinds):
        for document in self:
            if document.kind not in kinds:
                raise UserError(
                    _("This action does not apply to a %(kind)s.", kind=dict(KINDS)[document.kind])
                )

    def _is_handler(self):
        self.ensure_one()
        user = self.env.user
        return user == self.lead_user_id or user == self.lead_department_id.manager_id.user_id

    # ------------------------------------------------------------------------
    # activities
    # ------------------------------------------------------------------------
    def _schedule(self, activity_xmlid, users, note=None, deadline=None):
        """Ask ``users`` to act next (one activity each), and let them follow."""
        for document in self:
            document.message_subscribe(partner_ids=users.partner_id.ids)
            for user in users:
                document.activity_schedule(
                    activity_xmlid, user_id=user.id, note=note,
                    date_deadline=deadline or fields.Date.context_today(document),
                )

    def _done_activities(self, *activity_xmlids, users=None):
        """Mark the activities of these types as done (for ``users`` only if given)."""
        type_ids = [self.env.ref(xmlid).id for xmlid in activity_xmlids]
        # The flow closes the step for everyone it was asked of, including
        # activities of other users the current one may not see.
        activities = self.sudo().activity_ids.filtered(
            lambda activity: activity.activity_type_id.id in type_ids and (users is None or activity.user_id in users)
        )
        activities.action_feedback()

    def _clerks(self):
        return self.env.ref(ROLE_CLERK).users.filtered(lambda user: self.env.company in user.company_ids)

    # ------------------------------------------------------------------------
    # incoming flow
    # ------------------------------------------------------------------------
    def _find_duplicates(self):
        """Registered incoming documents with the same issuer, number-symbol and date."""
        self.ensure_one()
        if not (self.issuer_id and self.reference and self.date_document):
            return self.browse()
        return self.sudo().search([
            ("id", "!=", self.id),
            ("kind", "=", "incoming"),
            ("issuer_id", "=", self.issuer_id.id),
            ("reference", "=ilike", self.reference.strip()),
            ("date_document", "=", self.date_document),
            ("register_number", "!=", 0),
        ])

    def action_register(self):
        """Clerk: give an incoming document the next arrival number."""
        self._check_role(ROLE_CLERK)
        self._check_kind("incoming")
        self._check_state("draft")
        for document in self:
            if not document.issuer_id:
                raise UserError(_("Choose the issuing body of %(document)s from the partner organisations before "
                                  "registering it; ask a specialist to add it to the catalog if it is missing.",
                                  document=document.summary))
            duplicates = document._find_duplicates()
            if duplicates and not self.env.context.get("moffice_register_duplicate"):
                raise UserError(
                    _("%(document)s looks already registered: arrival number %(number)s has the same issuer, "
                      "number and symbol and date. Check it, then confirm with Register anyway if this is "
                      "really another document.", document=document.display_name,
                      number=duplicates[0].register_number)
                )
            arrival = fields.Datetime.now()
            register = self.env["moffice.register"]._find_for(
                "incoming", document.document_type_id, document.department_id, document.company_id
            )
            number = register._take_number(fields.Date.context_today(document, arrival))
            document.write({
                "register_id": register.id,
                "register_number": number,
                "register_year": fields.Date.context_today(document, arrival).year,
                "date_registered": arrival,
                "state": "registered",
                "holder_id": self.env.user.id,
            })
            document._message_log(body=_("Registered in %(register)s with arrival number %(number)02d.",
                                         register=register.name, number=number))
        return True

    def action_register_duplicate(self):
        """Clerk: register although a similar document exists (after checking)."""
        return self.with_context(moffice_register_duplicate=True).action_register()

    def action_submit(self):
        """Submit to the chosen leader: incoming (clerk) or drafted documents."""
        for document in self:
            if document.kind == "incoming":
                document._check_role(ROLE_CLERK)
                document._check_state("registered", "returned")
                if not document.attachment_ids:
                    raise UserError(_("Attach the scanned file of %(document)s before submitting it to a leader.",
                                      document=document.display_name))
            else:
                document._check_kind(*RELEASED_KINDS, "draft")
                document._check_state("draft", "consulting", "returned")
                if self.env.user != document.owner_id:
                    document._check_role(ROLE_CLERK, ROLE_ADMIN)
            if not document.leader_id:
                raise UserError(_("Choose the leader to submit %(document)s to.", document=document.display_name))
            document._done_activities("moffice_documents.mail_activity_document_revise")
            document.write({"state": "submitted", "holder_id": document.leader_id.id})
            activity = ("moffice_documents.mail_activity_document_route" if document.kind == "incoming"
                        else "moffice_documents.mail_activity_document_approve")
            document._schedule(activity, document.leader_id, deadline=document.date_deadline)
        return True

    def _route(self, values):
        """Leader: record the direction and route an incoming document."""
        self._check_role(ROLE_ADMIN)
        self._check_kind("incoming")
        self._check_state("submitted", "routed")
        lead = values.get("lead_user_id") and self.env["res.users"].browse(values["lead_user_id"])
        unit = values.get("lead_department_id") and self.env["hr.department"].browse(values["lead_department_id"])
        if not lead and not unit:
            raise UserError(_("Choose who leads the handling: a person or a unit."))
        lead = lead or unit.manager_id.user_id
        if not lead:
            raise UserError(_("The unit %(unit)s has no head with a login to lead the handling; choose a person.",
                              unit=unit.name))
        for document in self:
            document._done_activities("moffice_documents.mail_activity_document_route")
            document.write({
                **values,
                "state": "routed",
                "holder_id": lead.id,
                "date_routed": fields.Datetime.now(),
                "routed_by_id": self.env.user.id,
            })
            handlers = lead | document.cohandler_ids
            document._schedule(
                "moffice_documents.mail_activity_document_handle", handlers,
                note=document.direction, deadline=document.date_deadline,
            )
            document.message_subscribe(partner_ids=document.info_user_ids.partner_id.ids)
            document.message_post(
                body=_("Routed by %(leader)s. Direction: %(direction)s", leader=self.env.user.name,
                       direction=document.direction or "-"),
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
        self._check_kind("incoming")
        self._check_state("routed")
        if not (result or "").strip():
            raise UserError(_("Write the handling result before closing the document."))
        for document in self:
            if not (self.env.su or document._is_handler() or self.env.user.has_group(ROLE_ADMIN)):
                raise AccessError(_("Only the lead handler of %(document)s or a leader can close it.",
                                    document=document.display_name))
            # The handler records the outcome of their own work; the document
            # itself stays read-only for them otherwise.
            document.sudo().write({
                "result": result, "state": "done", "date_done": fields.Datetime.now(), "holder_id": False,
            })
            document._done_activities("moffice_documents.mail_activity_document_handle")
            document._message_log(body=_("Handled by %(user)s: %(result)s", user=self.env.user.name, result=result))
        return True

    # ------------------------------------------------------------------------
    # outgoing, internal, decision and draft flow
    # ------------------------------------------------------------------------
    def _request_comments(self, user_ids, date_due, note):
        """Ask the users ``user_ids`` for their comments by ``date_due``."""
        users = self.env["res.users"].browse(user_ids)
        self._check_kind(*RELEASED_KINDS, "draft")
        self._check_state("draft", "consulting", "returned")
        if not users:
            raise UserError(_("Choose whom to ask for comments."))
        for document in self:
            if self.env.user != document.owner_id:
                document._check_role(ROLE_CLERK, ROLE_ADMIN)
            self.env["moffice.document.comment"].create([
                {"document_id": document.id, "user_id": user.id, "date_due": date_due, "request": note}
                for user in users
            ])
            document.state = "consulting"
            document._schedule("moffice_documents.mail_activity_document_comment", users, note=note,
                               deadline=date_due)
        return True

    def action_approve(self):
        """Leader: approve the content; a draft becomes what it was drafted as."""
        self._check_role(ROLE_ADMIN)
        self._check_kind(*RELEASED_KINDS, "draft")
        self._check_state("submitted")
        for document in self:
            values = {"state": "approved", "signer_id": document.signer_id.id or self.env.user.id}
            if document.kind == "draft":
                values["kind"] = document.target_kind
            values["holder_id"] = False
            document.write(values)
            document._done_activities("moffice_documents.mail_activity_document_approve")
            document._schedule("moffice_documents.mail_activity_document_release", document._clerks())
        return True

    def action_release(self):
        """Clerk: number, date and send (outgoing) or publish (internal) the document."""
        self._check_role(ROLE_CLERK)
        self._check_kind(*RELEASED_KINDS)
        self._check_state("approved")
        for document in self:
            if not document.attachment_ids and document.kind != "internal":
                raise UserError(_("Attach the signed file of %(document)s before releasing it.",
                                  document=document.summary))
            if document.kind == "outgoing" and not (document.recipient_ids or document.recipients_note):
                raise UserError(_("Add the recipients of %(document)s before releasing it.",
                                  document=document.summary))
            now = fields.Datetime.now()
            today = fields.Date.context_today(document, now)
            register = self.env["moffice.register"]._find_for(
                document.kind, document.document_type_id, document.department_id, document.company_id
            )
            number = register._take_number(today)
            document.write({
                "register_id": register.id,
                "register_number": number,
                "register_year": today.year,
                "reference": register._format_reference(number, document.document_type_id,
                                                        document.department_id, today),
                "date_document": document.date_document or today,
                "date_registered": now,
                "signer_name": document.signer_name or document.signer_id.name,
                "signer_title": document.signer_title or document.signer_id.employee_id.job_title,
                "state": "released",
            })
            document._done_activities("moffice_documents.mail_activity_document_release")
            if document.kind == "internal":
                document._publish()
            else:
                document._send_to_recipients()
        return True

    def _send_to_recipients(self):
        """E-mail the released document with its files to the recipients that have an address."""
        self.ensure_one()
        recipients = self.recipient_ids.filtered("email")
        self.message_post(
            body=_("Released as %(reference)s and sent to: %(recipients)s",
                   reference=self.reference,
                   recipients=", ".join(self.recipient_ids.mapped("name")) or self.recipients_note),
            subject=self.display_name,
            partner_ids=recipients.ids,
            attachment_ids=self.attachment_ids.ids,
            subtype_xmlid="mail.mt_comment",
        )

    def _publish(self):
        """Notify the chosen units (everyone when none) of an internal document."""
        self.ensure_one()
        employees = self.env["hr.employee"].sudo().search(
            [("department_id", "child_of", self.publish_department_ids.ids)] if self.publish_department_ids
            else [("company_id", "=", self.company_id.id)]
        )
        users = employees.user_id
        self.sudo().reader_user_ids = [fields.Command.link(user.id) for user in users]
        self.message_post(
            body=_("Published as %(reference)s.", reference=self.reference),
            partner_ids=users.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------------
    # returning, cancelling, notes, access
    # ------------------------------------------------------------------------
    def _return(self, reason):
        """Leader: send a submitted document back with a reason."""
        self._check_role(ROLE_ADMIN)
        self._check_state("submitted")
        for document in self:
            back_to = document._clerks() if document.kind == "incoming" else document.owner_id
            document.write({"state": "returned", "return_reason": reason, "holder_id": back_to[:1].id})
            document._done_activities("moffice_documents.mail_activity_document_route",
                                      "moffice_documents.mail_activity_document_approve")
            document._schedule("moffice_documents.mail_activity_document_revise", back_to, note=reason)
            document._message_log(body=_("Returned by %(leader)s: %(reason)s", leader=self.env.user.name,
                                         reason=reason))
        return True

    def _cancel(self, reason):
        """Document administrator: withdraw or remove a document (never deleted)."""
        self._check_role(ROLE_ADMIN)
        for document in self:
            if document.state == "cancelled":
                continue
            document.activity_ids.sudo().unlink()
            document.write({
                "state": "cancelled", "cancel_reason": reason,
                "date_cancelled": fields.Datetime.now(), "holder_id": False,
            })
            document._message_log(body=_("Cancelled by %(leader)s: %(reason)s", leader=self.env.user.name,
                                         reason=reason))
        return True

    def action_issue(self):
        """Author: issue a processing note (a direction or an opinion)."""
        self._check_kind("note")
        self._check_state("draft")
        for document in self:
            if self.env.user != document.owner_id:
                document._check_role(ROLE_ADMIN)
            document.write({"state": "issued", "date_registered": fields.Datetime.now()})
            if document.parent_id:
                document.parent_id._message_log(
                    body=_("%(type)s by %(author)s: %(summary)s",
                           type=dict(document._fields["note_type"].selection).get(document.note_type),
                           author=document.owner_id.name, summary=document.summary),
                )
        return True

    def action_grant_read(self, users=None, groups=None):
        """Document administrator: let persons or work groups read the documents."""
        self._check_role(ROLE_ADMIN, message=_("Only a document administrator grants read rights on documents."))
        self.write({
            "reader_user_ids": [fields.Command.link(user.id) for user in (users or [])],
            "reader_group_ids": [fields.Command.link(group.id) for group in (groups or [])],
        })
        return True

    def action_open_route(self):
        self._check_role(ROLE_ADMIN)
        return self._open_wizard(
            "moffice.document.route", _("Route"), direction=self[:1].direction,
            lead_user_id=self[:1].lead_user_id.id, date_deadline=self[:1].date_deadline,
        )

    def action_open_return(self):
        self._check_role(ROLE_ADMIN)
        return self._open_wizard("moffice.document.reason", _("Return"), action="return")

    def action_open_done(self):
        return self._open_wizard("moffice.document.reason", _("Mark as handled"), action="done")

    def action_open_cancel(self):
        self._check_role(ROLE_ADMIN)
        return self._open_wizard("moffice.document.reason", _("Cancel"), action="cancel")

    def action_open_comment_request(self):
        return self._open_wizard("moffice.document.comment.request", _("Ask for comments"))

    def action_open_duplicates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Similar documents"),
            "res_model": self._name,
            "view_mode": "list,form",
            "domain": [("id", "in", self._find_duplicates().ids)],
        }

    @api.onchange("workflow_type_id")
    def _onchange_workflow_type_id(self):
        if self.workflow_type_id.deadline_days and not self.date_deadline:
            self.date_deadline = fields.Date.context_today(self) + timedelta(days=self.workflow_type_id.deadline_days)

    # ------------------------------------------------------------------------
    # scheduled actions
    # ------------------------------------------------------------------------
    @api.model
    def _cron_send_digest(self):
        """Weekly document digest (điểm văn bản) to the leaders: the documents
        marked notable in the past week."""
        since = fields.Datetime.now() - timedelta(days=7)
        documents = self.search([("is_notable", "=", True), ("write_date", ">=", since)], order="date_registered")
        leaders = self.env.ref(ROLE_ADMIN).users
        if not documents or not leaders:
            return
        lines = Markup("").join(
            Markup("<li>%s</li>") % document.display_name for document in documents
        )
        self.env["mail.thread"].message_notify(
            partner_ids=leaders.partner_id.ids,
            subject=_("Document digest of the week"),
            body=Markup("<p>%s</p><ul>%s</ul>") % (_("Notable documents of the past week:"), lines),
        )
