import random
import secrets
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.moffice_documents.models.moffice_document_access_log import execute_log_insert
from odoo.addons.moffice_documents.models.res_company import DEFAULT_TZ
from odoo.addons.moffice_documents.models.roles import ROLE_USER

EVENTS = [
    ("login", "Logged in"),
    ("access", "First use of the day"),
    ("logout", "Logged out"),
    ("expired", "Session expired (idle)"),
    ("failed", "Failed login"),
    ("throttled", "Login refused (too many failures)"),
]
# The events that count as an access to the system (Decree 30, VI-III-6b).
ACCESS_EVENTS = ("login", "access")
MORNING_STATUSES = [("on_time", "On time"), ("late", "Late"), ("absent", "Not logged in")]
# Session keys of the usage log.
SESSION_KEY, SESSION_DAY = "moffice_usage_session", "moffice_usage_day"


def local_day(tz_name, moment=None):
    """The day in time zone ``tz_name`` of the naive UTC ``moment`` (now by default)."""
    moment = moment or fields.Datetime.now()
    return pytz.utc.localize(moment).astimezone(pytz.timezone(tz_name or DEFAULT_TZ)).date()


class MofficeUsageLog(models.Model):
    """The usage log (matrix VIII.1): every login, first use of the day of
    an open session, logout, idle expiry, failed and refused login, with
    the user, their unit, the day, the device and the address.

    Written by the login and session hooks (``res.users``, ``ir.http``, the
    logout route), one INSERT per event, whoever the user is; nobody
    creates, changes or deletes an entry. Everyone reads their own entries;
    leaders and the system administrator read everyone's. Logins and first
    uses of the day are the accesses to the system (Decree 30, VI-III-6b)
    and what the morning check reads (Article 6.1-6.2).
    """

    _name = "moffice.usage.log"
    _description = "M-Office usage log"
    _order = "date desc, id desc"
    _log_access = False
    _rec_name = "event"

    date = fields.Datetime(required=True, readonly=True, index=True)
    day = fields.Date(required=True, readonly=True, index=True, help="The day in the agency's time.")
    event = fields.Selection(EVENTS, required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", readonly=True, index=True, ondelete="set null")
    login = fields.Char(readonly=True, help="The login typed, for failed logins.")
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True, index=True, ondelete="set null")
    ip_address = fields.Char(string="Address", readonly=True)
    device_type = fields.Selection([("computer", "Desktop"), ("mobile", "Mobile")], string="Device", readonly=True)
    user_agent = fields.Char(string="Browser", readonly=True)
    session_key = fields.Char(readonly=True, index=True, help="Technical: the events of one session share it.")
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    date_end = fields.Datetime(string="Session ended", compute="_compute_session_end")
    duration = fields.Float(string="Duration (hours)", compute="_compute_session_end")

    @api.depends("session_key", "event")
    def _compute_session_end(self):
        logins = self.filtered(lambda entry: entry.event == "login" and entry.session_key)
        ends = {}
        if logins:
            for key, end in self.sudo()._read_group(
                [("session_key", "in", logins.mapped("session_key")), ("event", "in", ("logout", "expired"))],
                ["session_key"],
                ["date:min"],
            ):
                ends[key] = end
        for entry in self:
            end = ends.get(entry.session_key) if entry in logins else False
            entry.date_end = end
            entry.duration = (end - entry.date).total_seconds() / 3600 if end else 0.0

    # ------------------------------------------------------------------------
    # writing the log
    # ------------------------------------------------------------------------
    @api.model
    def _add(self, event, user=None, login=None, session_key=None):
        """Record ``event`` of ``user`` (or of the ``login`` typed) from the
        current HTTP request: one INSERT, through its own cursor when the
        request's is read-only."""
        self = self.with_user(api.SUPERUSER_ID)
        user = (user or self.env["res.users"]).with_env(self.env)
        company = user.company_id or self.env.company
        now = fields.Datetime.now()
        http = request.httprequest if request else None
        platform = http.user_agent.platform if http else None
        query = SQL(
            """INSERT INTO %s (date, day, event, user_id, login, department_id, ip_address, device_type,
                               user_agent, session_key, company_id)
               VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            SQL.identifier(self._table),
            now,
            company._moffice_local(now).date(),
            event,
            user.id or None,
            login or user.login,
            user.employee_id.department_id.id or None,
            http.remote_addr if http else None,
            "mobile" if self.env["res.device.log"]._is_mobile(platform) else "computer",
            (http.user_agent.string or "")[:250] if http else None,
            session_key,
            company.id,
        )
        execute_log_insert(self.env, query)

    @api.model
    def _session_started(self, user):
        """A login of ``user`` into the current HTTP session."""
        key = secrets.token_hex(16)
        request.session[SESSION_KEY] = key
        request.session[SESSION_DAY] = local_day(user.tz).isoformat()
        self._add("login", user, session_key=key)

    @api.model
    def _session_used(self, session):
        """The first request of the day of an open session is an access."""
        today = local_day(session.context.get("tz")).isoformat()
        if session.get(SESSION_DAY) != today:
            session[SESSION_DAY] = today
            self._add("access", self.env["res.users"].browse(session.uid), session_key=session.get(SESSION_KEY))

    @api.model
    def _session_ended(self, session, event):
        if session.uid:
            self._add(event, self.env["res.users"].browse(session.uid), session_key=session.get(SESSION_KEY))

    # ------------------------------------------------------------------------
    # the morning check (Article 6.1-6.2)
    # ------------------------------------------------------------------------
    @api.model
    def _staff(self, company):
        """The people expected to log in: the active internal users of
        ``company`` holding an M-Office role."""
        return self.env.ref(ROLE_USER).users.filtered(
            lambda user: user.active and not user.share and company in user.company_ids
        )

    @api.model
    def _first_accesses(self, company, day_from, day_to):
        """{(user id, day): the first access of that day} in ``company``."""
        self.env.cr.execute(
            SQL(
                """SELECT user_id, day, min(date) FROM %s
                    WHERE company_id = %s AND event IN %s AND day BETWEEN %s AND %s AND user_id IS NOT NULL
                 GROUP BY user_id, day""",
                SQL.identifier(self._table),
                company.id,
                ACCESS_EVENTS,
                day_from,
                day_to,
            )
        )
        return {(user_id, day): first for user_id, day, first in self.env.cr.fetchall()}

    @api.model
    def _morning_check(self, company, day_from, day_to, users=None):
        """For each working day of the period and each person: the first
        access of the day and whether it came by the company's morning
        deadline (07:20 by default). A list of dicts."""
        users = users if users is not None else self._staff(company)
        firsts = self._first_accesses(company, day_from, day_to)
        lines = []
        day = day_from
        while day <= day_to:
            if company._moffice_is_working_day(day):
                deadline = company._moffice_utc(day, company.moffice_morning_deadline)
                for user in users:
                    first = firsts.get((user.id, day))
                    status = "absent" if not first else "on_time" if first <= deadline else "late"
                    lines.append({"day": day, "user": user, "first": first, "status": status})
            day = day.fromordinal(day.toordinal() + 1)
        return lines

    @api.model
    def _demo_month(self):
        """Demo data: last month's logins of the demo staff (most by the
        morning deadline, some later, some days missed) and a few failed ones."""
        rng = random.Random(2026)
        company = self.env.company
        today = company._moffice_now().date()
        day = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        addresses = [f"10.10.1.{number}" for number in range(20, 60)]
        rows = []
        while day < today.replace(day=1):
            if company._moffice_is_working_day(day):
                for user in self._staff(company).sorted("id"):
                    draw = rng.random()
                    if draw < 0.06:
                        continue
                    minutes = rng.randint(-25, 15) if draw < 0.85 else rng.randint(25, 150)
                    moment = company._moffice_utc(day, 7 + 20 / 60) + timedelta(minutes=minutes)
                    mobile = rng.random() < 0.25
                    event = "login" if rng.random() < 0.6 else "access"
                    rows.append((moment, day, event, user, rng.choice(addresses), mobile))
                    if rng.random() < 0.03:
                        rows.append((moment - timedelta(minutes=1), day, "failed", user, rows[-1][4], mobile))
            day += timedelta(days=1)
        if not rows:
            return
        self.env.cr.execute(
            SQL(
                """INSERT INTO %s (date, day, event, user_id, login, department_id, ip_address, device_type,
                                   user_agent, company_id) VALUES %s""",
                SQL.identifier(self._table),
                SQL(", ").join(
                    SQL(
                        "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                        moment,
                        day,
                        event,
                        user.id,
                        user.login,
                        user.employee_id.department_id.id or None,
                        address,
                        "mobile" if mobile else "computer",
                        "Odoo Mobile (Android)" if mobile else "Mozilla/5.0 (Windows NT 10.0) Chrome/124.0",
                        company.id,
                    )
                    for moment, day, event, user, address, mobile in rows
                ),
            )
        )
