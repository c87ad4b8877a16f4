import json
import os
import time
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import AdminCommon

MOBILE = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
# (who, local time of a login or a use of the system) in March 2027; the
# working days are Monday to Friday. Vietnam is UTC+7.
MARCH = date(2027, 3, 1)
ACCESSES = [
    ("leader", datetime(2027, 3, 1, 7, 5)),
    ("leader", datetime(2027, 3, 2, 7, 40)),
    ("leader", datetime(2027, 3, 2, 7, 10)),
    ("specialist", datetime(2027, 3, 1, 7, 20)),
    ("specialist", datetime(2027, 3, 1, 9, 0)),
    ("specialist", datetime(2027, 3, 6, 8, 0)),
    ("clerk", datetime(2027, 3, 3, 6, 55)),
    ("clerk", datetime(2027, 3, 31, 7, 25)),
]


@tagged("post_install", "-at_install")
class TestUsageOverHttp(HttpCase):
    """Real logins over HTTP: successful, failed, refused, logout, device and address."""

    def _authenticate(self, login, password, user_agent=None):
        headers = {"Content-Type": "application/json", **({"User-Agent": user_agent} if user_agent else {})}
        payload = {"jsonrpc": "2.0", "params": {"db": self.env.cr.dbname, "login": login, "password": password}}
        return self.url_open("/web/session/authenticate", data=json.dumps(payload), headers=headers).json()

    def _events(self, login):
        return self.env["moffice.usage.log"].search([("login", "=", login)], order="id").mapped("event")

    def test_logins_failed_logins_logout_and_throttling(self):
        user = new_test_user(
            self.env, login="usage_http", password="usage_http", groups="moffice_documents.group_moffice_specialist"
        )
        self.assertIn("error", self._authenticate("usage_http", "wrong"))
        self.assertEqual(self._authenticate("usage_http", "usage_http", MOBILE)["result"]["uid"], user.id)
        self.url_open("/web/session/logout")
        self.assertEqual(self._events("usage_http"), ["failed", "login", "logout"])
        failed, login, logout = self.env["moffice.usage.log"].search([("login", "=", "usage_http")], order="id")
        self.assertEqual((login.user_id, login.device_type, login.ip_address), (user, "mobile", "127.0.0.1"))
        self.assertEqual(failed.user_id, user)
        self.assertEqual(login.session_key, logout.session_key)
        self.assertEqual(login.date_end, logout.date)

        self.env["ir.config_parameter"].set_param("base.login_cooldown_after", "2")
        self.addCleanup(self.registry.__dict__.pop, "_login_failures", None)
        self._authenticate("usage_http", "wrong")
        self._authenticate("usage_http", "wrong")
        # Odoo warns of the refused login (naming the database) as it should
        with mute_logger("odoo.addons.base.models.res_users"):
            self.assertIn("error", self._authenticate("usage_http", "usage_http"))
        self.assertEqual(self._events("usage_http")[3:], ["failed", "failed", "throttled"])

    def test_an_idle_session_ends_and_is_logged(self):
        user = new_test_user(
            self.env, login="usage_idle", password="usage_idle", groups="moffice_documents.group_moffice_specialist"
        )
        self.env["ir.config_parameter"].set_param("inactive_session_time_out_delay", "60")
        self.assertEqual(self._authenticate("usage_idle", "usage_idle")["result"]["uid"], user.id)
        self.assertNotIn("/web/login", self.url_open("/odoo").url)
        idle = time.time() - 120
        os.utime(http.root.session_store.get_session_filename(self.opener.cookies["session_id"]), (idle, idle))
        self.assertIn("/web/login", self.url_open("/odoo").url)
        self.assertEqual(self._events("usage_idle"), ["login", "expired"])


@tagged("post_install", "-at_install")
class TestMorningCheckAndReport(AdminCommon):
    """The morning check and the monthly report against counts made here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.people = {"leader": cls.leader, "specialist": cls.specialist, "clerk": cls.clerk}
        usage = cls.env["moffice.usage.log"]
        for who, local in ACCESSES:
            with freeze_time(local - timedelta(hours=7)):
                usage._add("login" if local.hour < 9 else "access", cls.people[who])

    def _expected_morning(self, who, day):
        firsts = [local for person, local in ACCESSES if person == who and local.date() == day]
        if not firsts:
            return "absent"
        return "on_time" if min(firsts).time() <= datetime(2027, 1, 1, 7, 20).time() else "late"

    def test_morning_check_for_each_working_day(self):
        users = self.leader | self.specialist | self.clerk
        lines = self.env["moffice.usage.log"]._morning_check(self.env.company, MARCH, date(2027, 3, 7), users)
        self.assertEqual({line["day"] for line in lines}, {MARCH + timedelta(days=n) for n in range(5)})
        for line in lines:
            who = next(key for key, user in self.people.items() if user == line["user"])
            self.assertEqual(line["status"], self._expected_morning(who, line["day"]), (who, line["day"]))
        self.assertEqual(
            [(line["user"], line["status"]) for line in lines if line["day"] == MARCH],
            [(self.leader, "on_time"), (self.specialist, "on_time"), (self.clerk, "absent")],
        )

    def test_morning_check_for_leaders_and_the_system_admin_only(self):
        check = (
            self.env["moffice.morning.check"]
            .with_user(self.leader)
            .create({"date_from": MARCH, "date_to": MARCH + timedelta(days=1)})
        )
        check.action_check()
        clerk_lines = check.line_ids.filtered(lambda line: line.user_id == self.clerk)
        self.assertEqual(
            clerk_lines.mapped("status"), [self._expected_morning("clerk", day) for day in clerk_lines.mapped("day")]
        )
        self.assertEqual(clerk_lines.mapped("status"), ["absent", "absent"])
        self.assertEqual(check.on_time_count, len(check.line_ids.filtered(lambda line: line.status == "on_time")))
        for user in (self.specialist, self.clerk, self.custodian):
            with self.assertRaises(AccessError):
                self.env["moffice.morning.check"].with_user(user).create({"date_from": MARCH, "date_to": MARCH})

    def test_monthly_report_figures_and_delivery(self):
        with freeze_time("2027-03-02 03:00:00"):
            late_task = (
                self.env["moffice.task"]
                .with_user(self.leader)
                .create({"name": "Việc quá hạn", "user_id": self.clerk.id, "date_deadline": datetime(2027, 3, 5, 10)})
            )
        with freeze_time("2027-03-10 03:00:00"):
            document = self._routed(date_deadline="2027-12-31")
            document.with_user(self.specialist)._mark_done("Đã xử lý.")
            task = (
                self.env["moffice.task"]
                .with_user(self.leader)
                .create(
                    {"name": "Báo cáo quý", "user_id": self.specialist.id, "date_deadline": datetime(2027, 3, 20, 10)}
                )
            )
            task.with_user(self.specialist)._report("completion", "Xong.")
            task.with_user(self.leader)._review(True)
            self.env["moffice.task"]._cron_lock_overdue()
        self.assertTrue(late_task.is_locked)
        self.env.flush_all()
        report = (
            self.env["moffice.usage.report"]
            .with_user(self.leader)
            .create({"date_from": MARCH, "date_to": date(2027, 3, 31)})
        )
        figures = report._figures()
        start, end = datetime(2027, 2, 28, 17), datetime(2027, 3, 31, 17)
        log = self.env["moffice.task.log"]
        expectations = {}
        for who, user in self.people.items():
            days = {local.date() for person, local in ACCESSES if person == who}
            working = [day for day in days if day.weekday() < 5]
            expected = {
                "days": len(days),
                "on_time": sum(self._expected_morning(who, day) == "on_time" for day in working),
                "documents": self.env["moffice.document"].search_count(
                    [("lead_user_id", "=", user.id), ("date_done", ">=", start), ("date_done", "<", end)]
                ),
                "tasks_done": log.search_count(
                    [
                        ("assignee_id", "=", user.id),
                        ("event", "=", "accepted"),
                        ("date", ">=", start),
                        ("date", "<", end),
                    ]
                ),
                "tasks_late": log.search_count(
                    [("assignee_id", "=", user.id), ("event", "=", "locked"), ("date", ">=", start), ("date", "<", end)]
                ),
            }
            self.assertEqual(figures[user], expected, who)
            expectations[user] = expected
        specialist = expectations[self.specialist]
        self.assertTrue(specialist["documents"] and specialist["tasks_done"] and expectations[self.clerk]["tasks_late"])
        by_person = report._sections()[1]["rows"]
        self.assertIn([self.specialist.name, self.unit.name, *specialist.values()], by_person)

        with self.assertRaises(AccessError):
            self.env["moffice.usage.report"].with_user(self.specialist).create({"date_from": MARCH, "date_to": MARCH})

        board = self.env["hr.department"].create({"name": "Ban Giám đốc", "moffice_unit_type": "board"})
        board.manager_id = self.env["hr.employee"].create({"name": "Giám đốc", "user_id": self.leader.id})
        with freeze_time("2027-04-01 01:00:00"):
            self.env["moffice.usage.report"]._cron_send_monthly()
            self.env["moffice.usage.report"]._cron_send_monthly()
        monthly = self.env["moffice.usage.report"].search([("is_monthly", "=", True), ("date_from", "=", MARCH)])
        self.assertEqual(len(monthly), 1)
        message = monthly.message_ids.filtered("attachment_ids")
        self.assertEqual(message.partner_ids, self.leader.partner_id)
        self.assertEqual(
            sorted(name.rsplit(".", 1)[1] for name in message.attachment_ids.mapped("name")), ["pdf", "xlsx"]
        )
