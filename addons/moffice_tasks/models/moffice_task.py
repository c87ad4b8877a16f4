from datetime import timedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import LEADER, ROLE_GROUPS

# States in which a task is still to be processed: its deadline can pass.
OPEN_STATES = ("assigned", "submitted")
# How many overdue tasks the scheduled sweep locks per transaction.
SWEEP_BATCH = 5000
# Relations to a task (see _flow_relations_held).
GIVER, ASSIGNEE = "giver", "assignee"

# The flow of a task in one table: step, label, from states, to state (None:
# unchanged), who may take it. Every step is written in the task log.
FLOW = (
    Step("assign", _lt("Assign"), ("draft",), "assigned", (GIVER, LEADER)),
    Step("forward", _lt("Forward"), ("assigned",), None, (ASSIGNEE,)),
    Step("report", _lt("Report progress"), ("assigned",), None, (ASSIGNEE,)),
    Step("complete", _lt("Report completion"), ("assigned",), "submitted", (ASSIGNEE,)),
    Step("accept", _lt("Accept result"), ("submitted",), "done", (GIVER, LEADER)),
    Step("send_back", _lt("Send back"), ("submitted",), "assigned", (GIVER, LEADER)),
    Step("reschedule", _lt("Change the deadline"), OPEN_STATES, None, (GIVER, LEADER)),
    Step("lock", _lt("Lock (deadline passed)"), OPEN_STATES, None, ()),
    Step("ask_extension", _lt("Ask for an extension"), OPEN_STATES, None, (ASSIGNEE,)),
    Step("extend", _lt("Grant an extension"), OPEN_STATES, None, (LEADER,)),
    Step("refuse_extension", _lt("Refuse an extension"), OPEN_STATES, None, (LEADER,)),
    Step("cancel", _lt("Cancel"), ("draft", *OPEN_STATES), "cancelled", (GIVER, LEADER)),
)
# The log event each step writes.
LOG_EVENTS = {
    "assign": "assigned",
    "forward": "forwarded",
    "report": "feedback",
    "complete": "completed",
    "accept": "accepted",
    "send_back": "returned",
    "reschedule": "rescheduled",
    "lock": "locked",
    "ask_extension": "extension_requested",
    "extend": "extension_granted",
    "refuse_extension": "extension_refused",
    "cancel": "cancelled",
}
# What the giver (or a leader) may still edit by hand; the assignees, the
# deadline once assigned, the lock and the state change only by steps.
EDITABLE = (
    Editable(
        (
            "name",
            "description",
            "document_ids",
            "case_id",
            "priority",
            "user_id",
            "department_id",
            "cohandler_ids",
            "watcher_ids",
            "date_deadline",
            "deadline_working_days",
        ),
        (GIVER, LEADER),
        ("draft",),
    ),
    Editable(
        ("name", "description", "document_ids", "case_id", "priority", "watcher_ids"), (GIVER, LEADER), OPEN_STATES
    ),
)


class MofficeTask(models.Model):
    """A piece of work (công việc) with a deadline.

    When the deadline passes before the work is done, the task is locked
    (Article 6.2): forwarding, feedback and completion are refused until a
    document administrator grants an extension. The lock is applied by the
    scheduled sweep and also checked by every processing action, so it never
    depends on the sweep having run.
    """

    _name = "moffice.task"
    _description = "M-Office task"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "moffice.wizard.mixin",
        "moffice.flow.mixin",
        "moffice.access.mixin",
    ]
    _order = "priority desc, date_deadline, id desc"
    _wizard_records_field = "task_ids"
    _mail_post_access = "read"

    _flow_steps = FLOW
    _flow_editable = EDITABLE
    _flow_relations = {GIVER: _lt("the giver"), ASSIGNEE: _lt("the assignees")}
    _flow_creator = (GIVER,)
    _flow_text_fields = ("name",)
    _access_user_fields = ("giver_id", "user_id", "cohandler_ids", "watcher_ids")
    _access_unit_fields = ("department_id",)

    name = fields.Char(string="Subject", required=True, tracking=True, index="trigram")
    description = fields.Html()
    document_ids = fields.Many2many("moffice.document", string="Documents")
    case_id = fields.Many2one("moffice.case")
    giver_id = fields.Many2one(
        "res.users", string="Given by", default=lambda self: self.env.user, required=True, index=True, tracking=True
    )
    user_id = fields.Many2one("res.users", string="Assignee", index=True, tracking=True)
    department_id = fields.Many2one(
        "hr.department", string="Unit", index=True, help="The unit whose head handles the task on its behalf."
    )
    cohandler_ids = fields.Many2many(
        "res.users", "moffice_task_cohandler_rel", "task_id", "user_id", string="Co-assignees"
    )
    watcher_ids = fields.Many2many("res.users", "moffice_task_watcher_rel", "task_id", "user_id", string="Watchers")
    date_deadline = fields.Datetime(string="Deadline", index=True, tracking=True)
    priority = fields.Selection([("0", "Normal"), ("1", "Important"), ("2", "Urgent")], default="0")
    state = fields.Selection(
        [
            ("draft", "Not assigned"),
            ("assigned", "In progress"),
            ("submitted", "Result reported"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    is_locked = fields.Boolean(string="Locked (overdue)", readonly=True, index=True, copy=False)
    date_locked = fields.Datetime(readonly=True, copy=False)
    date_done = fields.Datetime(readonly=True, copy=False)
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late", string="Late")
    log_ids = fields.One2many("moffice.task.log", "task_id")
    feedback_ids = fields.One2many("moffice.task.feedback", "task_id")
    extension_ids = fields.One2many("moffice.task.extension", "task_id", string="Extensions")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit in charge",
        compute="_compute_unit_id",
        store=True,
        index=True,
        help="The unit handling the task when it was assigned: the unit named, or the assignee's unit.",
    )
    deadline_working_days = fields.Integer(
        string="Working days",
        store=False,
        help="Set the deadline this many working days from now (weekends and public holidays skipped).",
    )
    reminder_sent_ids = fields.Many2many(
        "moffice.task.reminder",
        string="Reminders sent",
        copy=False,
        readonly=True,
        help="Reminders already sent for the current deadline.",
    )

    # ------------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------------
    def _flow_is_urgent(self):
        return self.priority == "2" or any(document._flow_is_urgent() for document in self.document_ids)

    @api.depends("date_deadline", "state")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for task in self:
            task.is_late = bool(task.date_deadline and task.date_deadline < now and task.state in OPEN_STATES)

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on Late."))
        domain = [("date_deadline", "<", fields.Datetime.now()), ("state", "in", OPEN_STATES)]
        if (operator == "=") == value:
            return domain
        return [
            "|",
            "|",
            ("date_deadline", "=", False),
            ("date_deadline", ">=", fields.Datetime.now()),
            ("state", "not in", OPEN_STATES),
        ]

    @api.depends("department_id", "user_id")
    def _compute_unit_id(self):
        for task in self:
            task.unit_id = task.department_id or task.user_id.employee_id.department_id

    @api.onchange("deadline_working_days")
    def _onchange_deadline_working_days(self):
        if self.deadline_working_days > 0:
            self.date_deadline = self.company_id._moffice_plan_work(
                self.deadline_working_days, "days", fields.Datetime.now()
            )

    # ------------------------------------------------------------------------
    # log
    # ------------------------------------------------------------------------
    def _log(self, event, note=None, target=None):
        """Write ``event`` in the log of each task (the log is read-only to users).

        Written with sudo: the log records what happened whether or not the
        acting user still sees the task afterwards (e.g. after forwarding it).
        """
        self.env["moffice.task.log"].sudo().create(
            [
                {
                    "task_id": task.id,
                    "event": event,
                    "user_id": self.env.uid,
                    "target_user_id": target.id if target else False,
                    "date_deadline": task.date_deadline,
                    "note": note,
                }
                for task in self.sudo()
            ]
        )

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._log("created")
        assigned = tasks.filtered(lambda task: task.user_id or task.department_id)
        if assigned:
            assigned._start()
        return tasks

    def write(self, vals):
        result = super().write(vals)
        if "date_deadline" in vals:
            # A new deadline gets its reminders again.
            self.sudo().reminder_sent_ids = [fields.Command.clear()]
        return result

    def _flow_relations_held(self, user):
        relations = set()
        if user == self.giver_id:
            relations.add(GIVER)
        if user in self._assignees():
            relations.add(ASSIGNEE)
        return relations

    def _flow_after_step(self, step, note=None, target=None):
        """Every step of a task is written in its log, whoever takes it."""
        self._log(LOG_EVENTS[step.name], note=note, target=target)

    # ------------------------------------------------------------------------
    # permissions and the lock
    # ------------------------------------------------------------------------
    def _lead(self):
        """The person who answers for the task: its lead assignee, or the head
        of the unit it was given to."""
        self.ensure_one()
        return self.user_id or self.department_id.manager_id.user_id

    def _assignees(self):
        self.ensure_one()
        return self.user_id | self.department_id.manager_id.user_id | self.cohandler_ids

    def _lock_overdue(self):
        """Lock the tasks of ``self`` whose deadline has passed; return them."""
        now = fields.Datetime.now()
        overdue = self.filtered(
            lambda task: (
                not task.is_locked and task.state in OPEN_STATES and task.date_deadline and task.date_deadline < now
            )
        )
        if overdue:
            # The lock is the regulation's, applied by the system whoever triggers it.
            overdue.sudo()._flow_step("lock", {"is_locked": True, "date_locked": now})
        return overdue

    def _check_not_locked(self):
        """Refuse processing a locked task, or one whose deadline has passed
        even if the sweep has not locked it yet (the refusal rolls back the
        transaction, so the sweep is what writes the lock in the log)."""
        now = fields.Datetime.now()
        locked = self.filtered(
            lambda task: (
                task.is_locked or (task.state in OPEN_STATES and task.date_deadline and task.date_deadline < now)
            )
        )
        if locked:
            raise UserError(
                _(
                    "The deadline of %(task)s has passed: the task is locked and cannot be processed. "
                    "Ask a leader for an extension (button Ask for an extension) to continue.",
                    task=locked[0].name,
                )
            )

    @api.model
    def _cron_lock_overdue(self):
        """Lock every overdue task, in batches. Costs in proportion to the
        overdue work, not to all open work: the search walks the deadline
        index from the oldest deadline and stops at now.

        Run by the scheduler, it locks one batch per call and tells the
        scheduler what remains (which calls it again after committing);
        called directly, it locks everything in the current transaction.
        """
        domain = [
            ("is_locked", "=", False),
            ("state", "in", OPEN_STATES),
            ("date_deadline", "<", fields.Datetime.now()),
        ]
        by_scheduler = bool(self.env.context.get("ir_cron_progress_id"))
        while True:
            overdue = self.search(domain, limit=SWEEP_BATCH, order="date_deadline")
            overdue._lock_overdue()
            full = len(overdue) == SWEEP_BATCH
            if by_scheduler or not full:
                remaining = self.search_count(domain) if full else 0
                self.env["ir.cron"]._notify_progress(done=len(overdue), remaining=remaining)
                return

    # ------------------------------------------------------------------------
    # reminders and summaries
    # ------------------------------------------------------------------------
    @api.model
    def _cron_send_reminders(self):
        """Remind the assignees of the open tasks that a reminder rule reaches:
        each rule once per deadline (a new deadline is reminded again)."""
        now = fields.Datetime.now()
        for reminder in self.env["moffice.task.reminder"].search([]):  # pylint: disable=no-search-all
            tasks = self.search(
                [
                    ("company_id", "=", reminder.company_id.id),
                    ("state", "in", OPEN_STATES),
                    ("is_locked", "=", False),
                    ("date_deadline", ">", now),
                    ("date_deadline", "<=", reminder._due_until(now)),
                    ("reminder_sent_ids", "not in", reminder.ids),
                ]
            )
            tasks._remind(reminder)

    def _remind(self, reminder):
        """An activity and an e-mail to each assignee of each task."""
        template = self.env.ref("moffice_tasks.mail_template_task_reminder")
        for task in self:
            assignees = task._assignees()
            for user in assignees:
                task.with_context(mail_activity_quick_update=True).activity_schedule(
                    "moffice_tasks.mail_activity_task_reminder",
                    user_id=user.id,
                    date_deadline=fields.Date.context_today(task, task.date_deadline),
                )
            template.send_mail(task.id, email_values={"recipient_ids": [fields.Command.set(assignees.partner_id.ids)]})
        self.write({"reminder_sent_ids": [fields.Command.link(reminder.id)]})

    @api.model
    def _cron_send_late_summary(self):
        """Each morning, tell every unit head the late work of their unit (and
        its sub-units) and every leader the late work of the whole agency."""
        late = self.search([("is_late", "=", True)], order="date_deadline")
        if not late:
            return
        leaders = self.env["res.users"].union(*(company._moffice_users(LEADER) for company in late.company_id))
        for leader in leaders:
            scope = late.filtered(lambda task, leader=leader: task.company_id in leader.company_ids)
            self._send_late_summary(leader, scope)
        for unit in late.unit_id:
            head = unit.manager_id.user_id
            if not head or head in leaders:
                continue
            units = self.env["hr.department"].search([("id", "child_of", unit.id)])
            self._send_late_summary(head, late.filtered(lambda task, units=units: task.unit_id in units), unit)

    def _send_late_summary(self, user, tasks, unit=None):
        """One e-mail to ``user`` listing ``tasks``, in the user's language."""
        if not tasks:
            return
        self = self.with_context(lang=user.lang, tz=user.tz)
        scope = unit.name if unit else _("the whole agency")
        body = self.env["ir.qweb"]._render(
            "moffice_tasks.mail_body_late_summary",
            {
                "tasks": tasks.with_context(lang=user.lang, tz=user.tz),
                "intro": _(
                    "Late work in %(scope)s on %(date)s: %(count)s tasks have passed their deadline "
                    "without being done.",
                    scope=scope,
                    count=len(tasks),
                    date=fields.Date.context_today(self).strftime("%d/%m/%Y"),
                ),
                "local": lambda moment, pattern: fields.Datetime.context_timestamp(self, moment).strftime(pattern),
            },
        )
        self.env["mail.mail"].sudo().create(
            {
                "subject": _("Late work in %(scope)s: %(count)s tasks", scope=scope, count=len(tasks)),
                "body_html": body,
                "email_from": tasks.company_id[:1].email_formatted or self.env.company.email_formatted,
                "recipient_ids": [fields.Command.link(user.partner_id.id)],
                "auto_delete": True,
            }
        )

    # ------------------------------------------------------------------------
    # flow
    # ------------------------------------------------------------------------
    def _start(self):
        """The task is given to its assignees: log, follow, activity."""
        for task in self:
            assignees = task._assignees()
            if not assignees:
                raise UserError(_("Choose who handles %(task)s: a person or a unit with a head.", task=task.name))
            task._flow_step("assign", target=task._lead())
            # Whoever dispatches the task asks the assignees to act.
            task.sudo().message_subscribe(partner_ids=task.watcher_ids.partner_id.ids)
            task._flow_schedule("moffice_tasks.mail_activity_task_process", assignees, deadline=task._deadline_day())

    def _deadline_day(self):
        return self.date_deadline and fields.Date.context_today(self, self.date_deadline)

    def action_assign(self):
        """Dispatch a task not yet assigned (leaders, unit heads, its giver)."""
        self._flow_check("assign")
        self._start()
        return True

    def _forward(self, user_id, note=None):
        """Assignee: hand the task on to the user ``user_id``; the chain stays in the log."""
        user = self.env["res.users"].browse(user_id)
        self._flow_check("forward")
        self._check_not_locked()
        previous = self.env.user
        for task in self:
            # The assignee hands the task on and may not see it afterwards.
            deadline = task._deadline_day()
            task.sudo().activity_ids.filtered(lambda activity: activity.user_id == previous).unlink()
            task._flow_step(
                "forward",
                {
                    "user_id": user.id,
                    "department_id": False,
                    "cohandler_ids": [fields.Command.unlink(previous.id)],
                },
                note=note,
                target=user,
            )
            task._flow_schedule("moffice_tasks.mail_activity_task_process", user, note=note, deadline=deadline)
        return True

    def _report(self, kind, body, attachment_ids=None):
        """Assignee: report progress, or completion for the giver to accept."""
        step = "complete" if kind == "completion" else "report"
        self._flow_check(step)
        self._check_not_locked()
        for task in self:
            # Reports are made by this step only, never by hand.
            feedback = (
                self.env["moffice.task.feedback"]
                .sudo()
                .create(
                    {
                        "task_id": task.id,
                        "kind": kind,
                        "body": body,
                        "attachment_ids": [fields.Command.set(attachment_ids or [])],
                    }
                )
            )
            feedback.with_user(self.env.user).attachment_ids._moffice_attach_to(task)
            task._flow_step(step, note=body)
            if kind == "completion":
                task._flow_schedule("moffice_tasks.mail_activity_task_review", task.giver_id, note=body)
        return True

    def _review(self, accept, reason=None):
        """Giver or leader: accept the reported result, or send it back with a reason.
        Nobody accepts their own work: a task given to oneself is accepted by a leader."""
        step = "accept" if accept else "send_back"
        self._flow_check(step)
        for task in self:
            if accept and not self.env.su and self.env.user == task._lead():
                raise AccessError(
                    _("You cannot accept your own work on %(task)s: a leader accepts it.", task=task.name)
                )
            if not accept and not (reason or "").strip():
                raise UserError(_("Say why the result is sent back."))
            feedback = task.feedback_ids.filtered(lambda line: line.kind == "completion" and line.state == "sent")
            task._flow_done("moffice_tasks.mail_activity_task_review")
            if accept:
                feedback._flow_step("accept")
                task.sudo().activity_ids.action_feedback()
                task._flow_step("accept", {"date_done": fields.Datetime.now()})
            else:
                feedback._flow_step("send_back", {"answer": reason})
                task._flow_step("send_back", note=reason)
        return True

    def _reschedule(self, deadline, note=None):
        """Giver or leader: move the deadline of a task in progress while it
        has not passed; once it has, only a leader's extension moves it."""
        self._flow_check("reschedule")
        self._check_not_locked()
        if not deadline or deadline <= fields.Datetime.now():
            raise UserError(_("The new deadline must be in the future."))
        return self._flow_step("reschedule", {"date_deadline": deadline}, note=note)

    def _ask_extension(self, leader_id, date_proposed, reason):
        """Assignee: ask the leader ``leader_id`` to extend the deadline (before or after it)."""
        leader = self.env["res.users"].browse(leader_id)
        self._flow_check("ask_extension")
        if not leader.has_group(ROLE_GROUPS[LEADER]):
            raise UserError(_("Extensions are granted by a document administrator (leader)."))
        for task in self:
            if task.extension_ids.filtered(lambda extension: extension.state == "requested"):
                raise UserError(_("An extension of %(task)s is already waiting for a decision.", task=task.name))
            # Requests are made by this step only, never by hand.
            self.env["moffice.task.extension"].sudo().create(
                {
                    "task_id": task.id,
                    "leader_id": leader.id,
                    "date_proposed": date_proposed,
                    "reason": reason,
                }
            )
            task._flow_step("ask_extension", note=reason, target=leader)
            task._flow_schedule("moffice_tasks.mail_activity_task_extension", leader, note=reason)
        return True

    def _on_extension_decided(self, extension):
        """A leader granted (new deadline, unlocked) or refused an extension."""
        self.ensure_one()
        self._flow_done("moffice_tasks.mail_activity_task_extension")
        if extension.state == "granted":
            self._flow_step(
                "extend",
                {"date_deadline": extension.date_granted, "is_locked": False, "date_locked": False},
                note=extension.answer,
            )
        else:
            self._flow_step("refuse_extension", note=extension.answer)

    def action_cancel(self):
        self._flow_check("cancel")
        self.sudo().activity_ids.unlink()
        return self._flow_step("cancel")

    def action_open_forward(self):
        self._flow_check("forward")
        self._check_not_locked()
        return self._open_wizard("moffice.task.action", _("Forward"), action="forward")

    def action_open_progress(self):
        self._flow_check("report")
        self._check_not_locked()
        return self._open_wizard("moffice.task.action", _("Report progress"), action="progress")

    def action_open_completion(self):
        self._flow_check("complete")
        self._check_not_locked()
        return self._open_wizard("moffice.task.action", _("Report completion"), action="completion")

    def action_accept(self):
        return self._review(True)

    def action_open_send_back(self):
        self._flow_check("send_back")
        return self._open_wizard("moffice.task.action", _("Send back"), action="send_back")

    def action_open_reschedule(self):
        self._flow_check("reschedule")
        self._check_not_locked()
        return self._open_wizard(
            "moffice.task.action",
            _("Change the deadline"),
            action="reschedule",
            date=fields.Datetime.to_string(self[:1].date_deadline),
        )

    def action_open_extension(self):
        self._flow_check("ask_extension")
        now = fields.Datetime.now()
        proposal = max(self[:1].date_deadline or now, now) + timedelta(days=3)
        return self._open_wizard(
            "moffice.task.action",
            _("Ask for an extension"),
            action="extension",
            date=fields.Datetime.to_string(proposal),
        )
