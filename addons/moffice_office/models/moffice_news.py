from markupsafe import Markup

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, is_html_empty

from odoo.addons.moffice_documents.models.base import client_read
from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import LEADER, ROLE_GROUPS, SPECIALIST, SYSTEM_ADMIN

# Who posts news (matrix VIII.7) and filters news from the web (VIII.6).
POSTING_ROLES = (LEADER, SYSTEM_ADMIN, SPECIALIST)
# The relation of the person who posted a news item to it.
AUTHOR = "author"
READ_ACTIVITY = "moffice_office.mail_activity_news_read"
# Announcements still unread at this local time (07:20) of a working day are
# reminded: staff read news and announcements from 07:00 to 07:20 (Art. 6.1).
REMINDER_HOUR = 7 + 20 / 60
STATES = [
    ("draft", "Draft"),
    ("scheduled", "Scheduled"),
    ("published", "Published"),
    ("expired", "Expired"),
    ("withdrawn", "Withdrawn"),
]
# States in which readers see a news item (expired ones in the archive of the feed).
VISIBLE_STATES = ("published", "expired")

# The flow of a news item: step, label, from states, to state, who.
FLOW = (
    Step("publish", _lt("Publish"), ("draft",), "published", (AUTHOR,)),
    Step("schedule", _lt("Publish at its date"), ("draft",), "scheduled", (AUTHOR,)),
    Step("unschedule", _lt("Back to draft"), ("scheduled",), "draft", (AUTHOR,)),
    Step("go_live", _lt("Published at its date"), ("scheduled",), "published", ()),
    Step("expire", _lt("Expire"), ("published",), "expired", ()),
    Step("withdraw", _lt("Withdraw"), ("scheduled", "published"), "withdrawn", (AUTHOR, LEADER, SYSTEM_ADMIN)),
)
# Its author writes it while it is a draft; once published it changes no more
# (withdrawn and posted again if it must).
CONTENT = (
    "name",
    "summary",
    "body",
    "image_1920",
    "attachment_ids",
    "audience",
    "department_ids",
    "is_announcement",
    "date_publish",
    "date_expire",
    "link",
)
EDITABLE = (Editable(CONTENT, (AUTHOR,), ("draft",)),)


class MofficeNews(models.Model):
    """A news item or an announcement of the department (matrix VIII.7, VIII.8).

    Leaders, the system administrator and specialists post them, to everyone
    or to chosen units (and their sub-units), now or at a later date, until
    an expiry date. Everyone reads the items addressed to them in the news
    feed, unread ones first; opening an item marks it read for its reader
    (``moffice.news.read``). Announcements still unread at 07:20 on a working
    day become an activity of their reader (Art. 6.1).
    """

    _name = "moffice.news"
    _description = "M-Office news"
    _inherit = ["mail.thread", "mail.activity.mixin", "image.mixin", "moffice.flow.mixin"]
    _order = "date_publish desc, id desc"

    _flow_steps = FLOW
    _flow_editable = EDITABLE
    _flow_relations = {AUTHOR: _lt("its author")}
    _flow_creator = (AUTHOR,)

    name = fields.Char(string="Title", required=True, tracking=True)
    summary = fields.Text(help="Two or three lines shown in the news feed.")
    body = fields.Html(string="Content")
    attachment_ids = fields.Many2many(
        "ir.attachment", "moffice_news_attachment_rel", "news_id", "attachment_id", string="Attachments"
    )
    audience = fields.Selection(
        [("everyone", "Everyone"), ("units", "Chosen units")], required=True, default="everyone", tracking=True
    )
    department_ids = fields.Many2many(
        "hr.department",
        "moffice_news_department_rel",
        "news_id",
        "department_id",
        string="Units",
        help="The units that read it; their sub-units read it too.",
    )
    is_announcement = fields.Boolean(
        string="Announcement",
        tracking=True,
        help="Whoever has not read it by 07:20 on a working day is reminded to (Article 6.1).",
    )
    date_publish = fields.Datetime(
        string="Published on",
        index=True,
        tracking=True,
        help="Leave empty to publish at once; a later date and time schedules it.",
    )
    date_expire = fields.Datetime(string="Expires on", tracking=True, help="It leaves the news feed then.")
    link = fields.Char(string="Original article", help="The web page the news comes from, if any.")
    author_id = fields.Many2one(
        "res.users", string="Posted by", required=True, readonly=True, index=True, default=lambda self: self.env.user
    )
    state = fields.Selection(STATES, required=True, default="draft", readonly=True, tracking=True, index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    read_ids = fields.One2many("moffice.news.read", "news_id", string="Read by", readonly=True)
    read_count = fields.Integer(compute="_compute_read_count", string="Readers")
    is_read = fields.Boolean(
        compute="_compute_is_read", search="_search_is_read", string="Read", help="Whether you have opened it."
    )
    is_for_me = fields.Boolean(
        compute="_compute_is_for_me",
        search="_search_is_for_me",
        string="Addressed to me",
        help="For everyone, or for your unit or a unit above it.",
    )
    is_author = fields.Boolean(compute="_compute_can_withdraw")
    can_withdraw = fields.Boolean(compute="_compute_can_withdraw")
    can_see_readers = fields.Boolean(compute="_compute_can_withdraw")

    @api.constrains("date_publish", "date_expire")
    def _check_dates(self):
        for news in self:
            if news.date_expire and news.date_publish and news.date_expire <= news.date_publish:
                raise ValidationError(
                    _("%(news)s expires before it is published: choose a later expiry date.", news=news.name)
                )

    # ------------------------------------------------------------------------
    # who reads what
    # ------------------------------------------------------------------------
    @api.model
    def _for_me_domain(self):
        """The news addressed to the current user: to everyone, or to one of
        the user's units or a unit above it."""
        units = self.env.user.employee_ids.department_id
        return ["|", ("audience", "=", "everyone"), ("department_ids", "parent_of", units.ids)]

    @api.depends_context("uid")
    @api.depends("audience", "department_ids")
    def _compute_is_for_me(self):
        mine = self.sudo().search([("id", "in", self.ids), *self._for_me_domain()])
        for news in self:
            news.is_for_me = news in mine

    def _search_is_for_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["is_for_me"].string))
        domain = self._for_me_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    def _read_query(self):
        """The ids of the news the current user has read, as SQL."""
        return SQL("SELECT news_id FROM moffice_news_read WHERE user_id = %s", self.env.uid)

    @api.depends_context("uid")
    def _compute_is_read(self):
        self.env["moffice.news.read"].flush_model()
        self.env.cr.execute(SQL("%s AND news_id IN %s", self._read_query(), tuple(self.ids) or (None,)))
        read = {row[0] for row in self.env.cr.fetchall()}
        for news in self:
            news.is_read = news.id in read

    def _search_is_read(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["is_read"].string))
        return [("id", "in" if (operator == "=") == value else "not in", SQL("(%s)", self._read_query()))]

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """The news feed lists unread news first: ``is_read`` is ordered by
        whether the current user has a read mark."""
        if field_name == "is_read":
            read = SQL(
                "EXISTS(SELECT 1 FROM moffice_news_read r WHERE r.news_id = %s AND r.user_id = %s)",
                SQL.identifier(alias, "id"),
                self.env.uid,
            )
            return SQL("%s %s %s", read, direction, nulls)
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    @api.depends("read_ids")
    def _compute_read_count(self):
        counts = dict(
            self.env["moffice.news.read"].sudo()._read_group([("news_id", "in", self.ids)], ["news_id"], ["__count"])
        )
        for news in self:
            news.read_count = counts.get(news, 0)

    @api.depends_context("uid")
    @api.depends("state", "author_id")
    def _compute_can_withdraw(self):
        """What the form offers the current user: the buttons of the author,
        the withdrawal (author, leaders, system administrator) and the list of
        readers (those who read every mark of the item)."""
        withdraw = next(step for step in FLOW if step.name == "withdraw")
        moderator = bool(self._flow_roles() & {LEADER, SYSTEM_ADMIN})
        for news in self:
            news.is_author = news.author_id == self.env.user
            news.can_withdraw = bool(
                news.id and news.state in withdraw.sources and news._flow_tokens().intersection(withdraw.who)
            )
            news.can_see_readers = news.is_author or moderator

    def _flow_relations_held(self, user):
        return {AUTHOR} if user == self.author_id else set()

    # ------------------------------------------------------------------------
    # reading
    # ------------------------------------------------------------------------
    def web_read(self, specification):
        with client_read() as outermost:
            result = super().web_read(specification)
        if outermost and "body" in specification:
            self._mark_read()
        return result

    # Opening a news item writes its read mark: not a read-only call.
    web_read._readonly = False

    def read(self, fields=None, load="_classic_read"):
        with client_read() as outermost:
            result = super().read(fields, load)
        if outermost and (not fields or "body" in fields):
            self._mark_read()
        return result

    read._readonly = False

    def _mark_read(self):
        """The current user has read these news (whose content the client
        fetched): one read mark per reader and item, and their reminders done."""
        news = self.browse([id_ for id_ in self._ids if isinstance(id_, int)]).filtered(
            lambda item: item.state in VISIBLE_STATES
        )
        if self.env.su or not news:
            return
        self.env["moffice.news.read"].flush_model()
        self.env.cr.execute(
            SQL(
                """INSERT INTO moffice_news_read (news_id, user_id, date_read)
                   SELECT unnest(%s::int[]), %s, %s ON CONFLICT (news_id, user_id) DO NOTHING""",
                news.ids,
                self.env.uid,
                fields.Datetime.now(),
            )
        )
        self.env["moffice.news.read"].invalidate_model()
        news.invalidate_recordset(["read_ids", "read_count", "is_read"])
        news._flow_done(READ_ACTIVITY, users=self.env.user)

    def action_open_readers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Readers of %(news)s", news=self.name),
            "res_model": "moffice.news.read",
            "view_mode": "list",
            "domain": [("news_id", "=", self.id)],
        }

    # ------------------------------------------------------------------------
    # steps
    # ------------------------------------------------------------------------
    def action_publish(self):
        """Publish now, or at the chosen later date."""
        now = fields.Datetime.now()
        for news in self:
            if news.audience == "units" and not news.department_ids:
                raise UserError(_("%(news)s: choose the units it is for, or publish it to everyone.", news=news.name))
            if not news.summary and is_html_empty(news.body):
                raise UserError(_("%(news)s: write its summary or its content first.", news=news.name))
            if news.date_publish and news.date_publish > now:
                news._flow_step("schedule")
            else:
                news._flow_step("publish", {"date_publish": now})
        return True

    def action_unschedule(self):
        return self._flow_step("unschedule")

    def action_withdraw(self):
        self._flow_step("withdraw")
        self._flow_done(READ_ACTIVITY)
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        posted = self.filtered(lambda news: news.state != "draft")
        if posted:
            raise UserError(
                _(
                    "%(news)s has been published or scheduled and is never deleted: withdraw it instead.",
                    news=posted[0].name,
                )
            )

    # ------------------------------------------------------------------------
    # scheduled actions
    # ------------------------------------------------------------------------
    @api.model
    def _cron_publish(self):
        """Publish the scheduled news whose date has come; expire the news
        whose expiry date has passed (their reminders are done)."""
        now = fields.Datetime.now()
        self.search([("state", "=", "scheduled"), ("date_publish", "<=", now)])._flow_step("go_live")
        expired = self.search([("state", "=", "published"), ("date_expire", "<=", now)])
        expired._flow_step("expire")
        expired._flow_done(READ_ACTIVITY)

    @api.model
    def _cron_remind_announcements(self):
        """At 07:20 on a working day (agency time), each person gets an
        activity for every announcement addressed to them and still unread;
        once a day, whenever the job runs after 07:20."""
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            now = company._moffice_now()
            if company._moffice_is_working_day(now.date()) and now.hour + now.minute / 60 >= REMINDER_HOUR:
                self._remind_announcements(company, now.date())

    @api.model
    def _remind_announcements(self, company, day):
        """Remind the staff of ``company`` of the announcements published
        before 07:20 on ``day`` that they have not read (once each)."""
        activity_type = self.env.ref(READ_ACTIVITY)
        reminded = {
            (activity.res_id, activity.user_id.id)
            for activity in self.env["mail.activity"].search(
                [("res_model", "=", self._name), ("activity_type_id", "=", activity_type.id)]
            )
        }
        domain = [
            ("company_id", "=", company.id),
            ("state", "=", "published"),
            ("is_announcement", "=", True),
            ("date_publish", "<=", company._moffice_utc(day, REMINDER_HOUR)),
            ("is_for_me", "=", True),
            ("is_read", "=", False),
        ]
        for user in self.env["res.users"].union(*(company._moffice_users(role) for role in ROLE_GROUPS)):
            for news in self.with_user(user).search(domain).sudo():
                if (news.id, user.id) in reminded:
                    continue
                news.with_context(mail_activity_quick_update=True).activity_schedule(
                    READ_ACTIVITY,
                    user_id=user.id,
                    date_deadline=day,
                    note=Markup("<p>%s</p>") % (news.summary or news.name),
                )
