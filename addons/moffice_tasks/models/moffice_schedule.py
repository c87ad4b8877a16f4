from datetime import datetime, time, timedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import CLERK, LEADER, ROLE_GROUPS

# Relations to a schedule item (see MofficeScheduleItem._flow_relations_held).
AUTHOR, UNIT_HEAD = "author", "unit_head"
ITEM_FIELDS = (
    "name",
    "date",
    "time_start",
    "time_end",
    "chair_id",
    "chair_text",
    "participant_ids",
    "participants_text",
    "location",
    "department_id",
)
# Article 5.2: the week's schedule is published before 08:00 on Monday.
PUBLISH_BY_HOUR = 8
# The Friday reminder to register and compile next week's schedule.
FRIDAY_REMINDER_HOUR = 8


def monday_of(day):
    return day - timedelta(days=day.weekday())


class MofficeScheduleWeek(models.Model):
    """The department's schedule for a week (lịch công tác tuần): compiled
    by the Office from the units' registrations, approved by a leader and
    published by the clerk (Article 5.2, 5.4)."""

    _name = "moffice.schedule.week"
    _description = "M-Office weekly work schedule"
    _inherit = ["mail.thread", "mail.activity.mixin", "moffice.flow.mixin"]
    _order = "date_start desc"
    _mail_post_access = "read"

    _flow_steps = (
        Step("compile", _lt("Gather registered items"), ("draft",), None, (CLERK, LEADER)),
        Step("submit", _lt("Submit to leader"), ("draft",), "to_approve", (CLERK, LEADER)),
        Step("approve", _lt("Approve"), ("to_approve",), "approved", (LEADER,)),
        Step("send_back", _lt("Send back"), ("to_approve",), "draft", (LEADER,)),
        Step("publish", _lt("Publish"), ("approved",), "published", (CLERK,)),
        Step("reopen", _lt("Reopen"), ("published",), "draft", (CLERK,)),
    )
    _flow_editable = (Editable(("date_start", "approver_id", "item_ids"), (CLERK, LEADER), ("draft",)),)

    name = fields.Char(compute="_compute_name", store=True)
    date_start = fields.Date(
        string="Week of", required=True, index=True, tracking=True, help="The Monday the week starts on."
    )
    date_end = fields.Date(compute="_compute_name", store=True)
    state = fields.Selection(
        [
            ("draft", "Being compiled"),
            ("to_approve", "To approve"),
            ("approved", "Approved"),
            ("published", "Published"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    item_ids = fields.One2many("moffice.schedule.item", "week_id", string="Items")
    approver_id = fields.Many2one(
        "res.users",
        string="Leader approving",
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(ROLE_GROUPS[LEADER]).ids)],
    )
    date_published = fields.Datetime(readonly=True)
    is_reminded = fields.Boolean(readonly=True, copy=False, help="The Friday reminder for this week was sent.")
    is_warned = fields.Boolean(
        readonly=True, copy=False, help="The warning that this week was not published by Monday 08:00 was sent."
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("week_unique", "unique(company_id, date_start)", "The department has one schedule per week."),
    ]

    @api.depends("date_start")
    def _compute_name(self):
        for week in self:
            week.date_end = week.date_start and week.date_start + timedelta(days=6)
            week.name = week.date_start and _(
                "Week %(number)s: %(start)s – %(end)s",
                number=week.date_start.isocalendar()[1],
                start=week.date_start.strftime("%d/%m"),
                end=week.date_end.strftime("%d/%m/%Y"),
            )

    @api.constrains("date_start")
    def _check_monday(self):
        if any(week.date_start.weekday() for week in self):
            raise ValidationError(_("A weekly schedule starts on a Monday."))

    # ------------------------------------------------------------------------
    # flow
    # ------------------------------------------------------------------------
    def action_compile(self):
        """Gather the items the units registered for the week."""
        self._flow_check("compile")
        for week in self:
            items = self.env["moffice.schedule.item"].search(
                [
                    ("state", "=", "registered"),
                    ("week_id", "=", False),
                    ("company_id", "=", week.company_id.id),
                    ("date", ">=", week.date_start),
                    ("date", "<=", week.date_end),
                ]
            )
            week._flow_step("compile", {"item_ids": [fields.Command.link(item.id) for item in items]})
        return True

    def action_submit(self):
        self._flow_check("submit")
        for week in self:
            if not week.item_ids:
                raise UserError(_("The schedule of %(week)s has no items to approve.", week=week.name))
            if not week.approver_id:
                raise UserError(_("Choose the leader who approves the schedule."))
            week._flow_step("submit")
            week._flow_schedule("moffice_tasks.mail_activity_schedule_approve", week.approver_id)
        return True

    def action_approve(self):
        self._flow_step("approve")
        self._flow_done("moffice_tasks.mail_activity_schedule_approve")
        for week in self:
            week._flow_schedule(
                "moffice_tasks.mail_activity_schedule_publish", week._flow_users(CLERK), deadline=week.date_start
            )
        return True

    def action_send_back(self):
        """A leader sends the schedule back to be compiled again; the reason
        is the leader's message in the chatter."""
        self._flow_step("send_back")
        self._flow_done("moffice_tasks.mail_activity_schedule_approve")
        return True

    def action_publish(self):
        """The clerk publishes the approved week: its items become calendar
        events of their participants."""
        self._flow_check("publish")
        self._flow_done("moffice_tasks.mail_activity_schedule_publish")
        self.item_ids._sync_event()
        return self._flow_step("publish", {"date_published": fields.Datetime.now()})

    def action_reopen(self):
        """Reopen a published week to change it; publishing again updates its events."""
        return self._flow_step("reopen")

    # ------------------------------------------------------------------------
    # printing
    # ------------------------------------------------------------------------
    def _report_title(self):
        self.ensure_one()
        return _(
            "Week %(number)s, from %(start)s to %(end)s",
            number=self.date_start.isocalendar()[1],
            start=self.date_start.strftime("%d/%m/%Y"),
            end=self.date_end.strftime("%d/%m/%Y"),
        )

    def _report_days(self):
        """(day name, date, items) for each working day and each day with items."""
        self.ensure_one()
        names = [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]
        days = []
        for offset, name in enumerate(names):
            day = self.date_start + timedelta(days=offset)
            items = self.item_ids.filtered(lambda item, day=day: item.date == day).sorted("time_start")
            if items or offset < 5:
                days.append((name, day.strftime("%d/%m/%Y"), items))
        return days

    # ------------------------------------------------------------------------
    # scheduled reminders
    # ------------------------------------------------------------------------
    @api.model
    def _week_of(self, company, monday):
        week = self.search([("company_id", "=", company.id), ("date_start", "=", monday)])
        return week or self.create({"company_id": company.id, "date_start": monday})

    @api.model
    def _cron_remind(self):
        """Hourly: on Friday from 08:00, ask the unit heads to register and the
        clerks to compile next week's schedule; from Monday 08:00, warn the
        clerks and the Office chief while this week's is not published. Each
        is sent once per week."""
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            now = company._moffice_now()
            monday = monday_of(now.date())
            if now.weekday() == 4 and now.hour >= FRIDAY_REMINDER_HOUR:
                week = self._week_of(company, monday + timedelta(days=7))
                if not week.is_reminded:
                    week._send_friday_reminder()
            if now >= datetime.combine(monday, time(PUBLISH_BY_HOUR)):
                week = self._week_of(company, monday)
                if week.state != "published" and not week.is_warned:
                    week._send_monday_warning()

    def _send_friday_reminder(self):
        self.ensure_one()
        heads = self.env["hr.department"].search([("company_id", "in", [self.company_id.id, False])]).manager_id.user_id
        for user in heads:
            self.activity_schedule(
                "moffice_tasks.mail_activity_schedule_register",
                user_id=user.id,
                date_deadline=self.date_start - timedelta(days=1),
            )
        for user in self._flow_users(CLERK):
            self.activity_schedule(
                "moffice_tasks.mail_activity_schedule_compile",
                user_id=user.id,
                date_deadline=self.date_start - timedelta(days=1),
            )
        self.is_reminded = True

    def _send_monday_warning(self):
        self.ensure_one()
        office = self.env["hr.department"].search(
            [("moffice_unit_type", "=", "office"), ("company_id", "in", [self.company_id.id, False])], limit=1
        )
        for user in self._flow_users(CLERK) | office.manager_id.user_id:
            self.activity_schedule(
                "moffice_tasks.mail_activity_schedule_late",
                user_id=user.id,
                date_deadline=self.date_start,
                note=_("The schedule of %(week)s was not published by 08:00 on Monday.", week=self.name),
            )
        self.message_post(body=_("The schedule of %(week)s was not published by 08:00 on Monday.", week=self.name))
        self.is_warned = True


class MofficeScheduleItem(models.Model):
    """One item of a work schedule: what, when, where, who chairs, who attends.
    Units register them; the Office compiles them into the department's week."""

    _name = "moffice.schedule.item"
    _inherit = ["moffice.flow.mixin"]
    _description = "M-Office work schedule item"
    _order = "date, time_start, id"

    _flow_steps = (Step("register", _lt("Register"), ("draft",), "registered", (AUTHOR, UNIT_HEAD, CLERK, LEADER)),)
    _flow_editable = (
        Editable(ITEM_FIELDS, (AUTHOR, UNIT_HEAD, CLERK, LEADER), ("draft", "registered")),
        Editable(("week_id",), (CLERK, LEADER), ("draft", "registered")),
    )
    _flow_relations = {AUTHOR: _lt("whoever registered the item"), UNIT_HEAD: _lt("the head of its unit")}
    _flow_creator = (AUTHOR,)

    name = fields.Char(string="Content", required=True)
    date = fields.Date(string="Day", required=True, index=True)
    time_start = fields.Float(string="From", required=True, default=8.0)
    time_end = fields.Float(string="To", default=11.0)
    chair_id = fields.Many2one("res.users", string="Chaired by")
    chair_text = fields.Char(string="Chair (other)", help="When the chair is not a user, e.g. a provincial leader.")
    participant_ids = fields.Many2many("res.users", string="Participants")
    participants_text = fields.Char(string="Other participants", help="Guests and units without a login.")
    location = fields.Char(string="Place")
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        default=lambda self: self.env.user.employee_id.department_id,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("registered", "Registered")], default="draft", required=True, readonly=True, index=True
    )
    week_id = fields.Many2one("moffice.schedule.week", string="Department schedule", index=True, ondelete="set null")
    week_state = fields.Selection(related="week_id.state", string="Schedule status")
    event_id = fields.Many2one("calendar.event", string="Calendar event", readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.constrains("time_start", "time_end")
    def _check_times(self):
        for item in self:
            if not 0 <= item.time_start < 24 or (item.time_end and not item.time_start < item.time_end <= 24):
                raise ValidationError(
                    _("%(item)s: the times must be within the day and end after they start.", item=item.name)
                )

    def _time_label(self):
        def hhmm(hour):
            return f"{int(hour):02d}:{round(hour % 1 * 60):02d}"

        return f"{hhmm(self.time_start)} - {hhmm(self.time_end)}" if self.time_end else hhmm(self.time_start)

    def _chair_label(self):
        return ", ".join(filter(None, [self.chair_id.name, self.chair_text]))

    def _participants_label(self):
        return ", ".join(filter(None, self.participant_ids.mapped("name") + [self.participants_text]))

    def _flow_relations_held(self, user):
        """The author and the unit head change an item while the Office has
        not yet sent its week to a leader; then the Office alone does."""
        if self.week_id and self.week_id.state != "draft":
            return set()
        relations = set()
        if user == self.create_uid or not self.id:
            relations.add(AUTHOR)
        if user == self.department_id.manager_id.user_id:
            relations.add(UNIT_HEAD)
        return relations

    def action_register(self):
        return self._flow_step("register")

    def _moment(self, hour):
        return self.company_id._moffice_utc(self.date, hour)

    def _sync_event(self):
        """Create or update the calendar event of each item (never twice)."""
        for item in self:
            values = {
                "name": item.name,
                "start": item._moment(item.time_start),
                "stop": item._moment(item.time_end or item.time_start + 1),
                "location": item.location,
                "partner_ids": [fields.Command.set((item.participant_ids | item.chair_id).partner_id.ids)],
                "user_id": (item.chair_id or self.env.user).id,
                "description": item.participants_text,
                "privacy": "public",
            }
            if item.event_id:
                item.event_id.sudo().write(values)
            else:
                item.sudo().event_id = (
                    self.env["calendar.event"].sudo().with_context(no_mail_to_attendees=True).create(values)
                )
