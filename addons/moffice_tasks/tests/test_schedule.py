import io
from datetime import date, datetime

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.common import MofficeDocumentCommon

MONDAY = date(2026, 12, 7)


@tagged("post_install", "-at_install")
class TestSchedule(MofficeDocumentCommon):
    """Work schedules: units register, the Office compiles, a leader
    approves, the clerk publishes by Monday 08:00 (Article 5.2, 5.4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.custodian = cls.role_users["custodian"]
        cls.office = cls.env["hr.department"].create(
            {"name": "Văn phòng Thử nghiệm", "moffice_code": "VPTN", "moffice_unit_type": "office"}
        )
        cls.office.manager_id = cls.env["hr.employee"].create(
            {"name": "Chánh Văn phòng", "user_id": cls.other_specialist.id, "department_id": cls.office.id}
        )
        # Only this test's office: the Office chief is found by unit type.
        cls.env["hr.department"].search([("moffice_unit_type", "=", "office"), ("id", "!=", cls.office.id)]).write(
            {"moffice_unit_type": "division"}
        )
        cls.Week = cls.env["moffice.schedule.week"]

    def _item(self, user, day, **values):
        return (
            self.env["moffice.schedule.item"]
            .with_user(user)
            .create(
                {
                    "name": "Họp hội đồng nghiệm thu",
                    "date": day,
                    "time_start": 8.0,
                    "time_end": 10.5,
                    "department_id": self.unit.id,
                    "location": "Hội trường Sở",
                    **values,
                }
            )
        )

    def _week(self, user=None, monday=MONDAY):
        return self.Week.with_user(user or self.clerk).create({"date_start": monday, "approver_id": self.leader.id})

    def _activities(self, week, xmlid):
        kind = self.env.ref(xmlid)
        return week.activity_ids.filtered(lambda activity: activity.activity_type_id == kind)

    def test_register_compile_approve_publish(self):
        item = self._item(
            self.specialist,
            date(2026, 12, 8),
            chair_id=self.leader.id,
            participant_ids=[(6, 0, self.other_specialist.ids)],
            participants_text="Đại diện Sở Tài chính",
        )
        draft = self._item(self.specialist, date(2026, 12, 9), name="Chưa đăng ký")
        outside = self._item(self.specialist, date(2026, 12, 15), name="Tuần sau")
        (item | outside).with_user(self.specialist).action_register()
        for user in (self.specialist, self.custodian, self.role_users["system_admin"]):
            with self.assertRaises(AccessError, msg=user.login):
                self._week(user)
        week = self._week()
        week.with_user(self.clerk).action_compile()
        self.assertEqual(week.item_ids, item, "only the registered items of the week")
        week.with_user(self.clerk).action_submit()
        self.assertEqual(self._activities(week, "moffice_tasks.mail_activity_schedule_approve").user_id, self.leader)
        for user in (self.clerk, self.specialist):
            with self.assertRaises(AccessError, msg=user.login):
                week.with_user(user).action_approve()
        week.with_user(self.leader).action_approve()
        self.assertEqual(week.state, "approved")
        for user in (self.leader, self.specialist):
            with self.assertRaises(AccessError, msg=user.login):
                week.with_user(user).action_publish()
        week.with_user(self.clerk).action_publish()
        self.assertEqual(week.state, "published")
        event = item.event_id
        self.assertEqual(event.partner_ids, (self.leader | self.other_specialist).partner_id)
        self.assertEqual(event.start, datetime(2026, 12, 8, 1, 0))  # 08:00 in Viet Nam
        self.assertEqual(event.stop, datetime(2026, 12, 8, 3, 30))
        self.assertFalse(draft.event_id)
        # Everyone reads the published schedule and the events.
        week.with_user(self.custodian).read(["name", "state"])
        event.with_user(self.custodian).read(["name", "start"])
        # Changing a published week and publishing again updates its events.
        week.with_user(self.clerk).action_reopen()
        item.with_user(self.clerk).location = "Phòng họp tầng 2"
        week.with_user(self.clerk).action_submit()
        week.with_user(self.leader).action_approve()
        week.with_user(self.clerk).action_publish()
        self.assertEqual(item.event_id, event)
        self.assertEqual(event.location, "Phòng họp tầng 2")
        self.assertEqual(
            self.env["calendar.event"].search_count([("name", "=", item.name), ("start", "=", event.start)]), 1
        )

    def test_a_leader_sends_the_schedule_back(self):
        week = self._week()
        with self.assertRaises(UserError):
            week.with_user(self.clerk).action_submit()  # nothing to approve
        self._item(self.clerk, date(2026, 12, 10)).with_user(self.clerk).action_register()
        week.with_user(self.clerk).action_compile()
        week.with_user(self.clerk).action_submit()
        with self.assertRaises(AccessError):
            week.with_user(self.clerk).action_send_back()
        week.with_user(self.leader).message_post(body="Bổ sung lịch của Ban Giám đốc", message_type="comment")
        week.with_user(self.leader).action_send_back()
        self.assertEqual(week.state, "draft")
        self.assertFalse(self._activities(week, "moffice_tasks.mail_activity_schedule_approve"))

    def test_items_are_changed_by_their_unit_and_the_office(self):
        item = self._item(self.other_specialist, date(2026, 12, 10))
        item.with_user(self.specialist).location = "Phòng họp nhỏ"  # the unit head
        item.with_user(self.clerk).location = "Hội trường"  # the Office
        with self.assertRaises(AccessError):
            item.with_user(self.custodian).location = "Ở đâu đó"
        self.assertTrue(item.with_user(self.custodian).read(["name"]))
        with self.assertRaises(ValidationError):
            self._item(self.specialist, date(2026, 12, 10), time_start=10.0, time_end=9.0)

    def test_friday_reminder_and_monday_warning(self):
        clerks = self.env.ref("moffice_documents.group_moffice_clerk").users
        # Friday 07:59 in Viet Nam: nothing yet.
        with freeze_time("2026-12-04 00:59:00"):
            self.Week._cron_remind()
        self.assertFalse(self.Week.search([("date_start", "=", MONDAY)]).activity_ids)
        with freeze_time("2026-12-04 01:00:00"):  # Friday 08:00
            self.Week._cron_remind()
            self.Week._cron_remind()
        week = self.Week.search([("date_start", "=", MONDAY)])
        register = self._activities(week, "moffice_tasks.mail_activity_schedule_register")
        self.assertIn(self.specialist, register.user_id, "the unit head is asked to register")
        self.assertEqual(len(register.filtered(lambda activity: activity.user_id == self.specialist)), 1)
        self.assertEqual(self._activities(week, "moffice_tasks.mail_activity_schedule_compile").user_id, clerks)
        # Monday 07:59: not late yet.
        with freeze_time("2026-12-07 00:59:00"):
            self.Week._cron_remind()
        self.assertFalse(self._activities(week, "moffice_tasks.mail_activity_schedule_late"))
        # Monday 08:00, not published: the clerks and the Office chief are warned, once.
        with freeze_time("2026-12-07 01:00:00"):
            self.Week._cron_remind()
        with freeze_time("2026-12-07 02:00:00"):
            self.Week._cron_remind()
        late = self._activities(week, "moffice_tasks.mail_activity_schedule_late")
        self.assertEqual(late.user_id, clerks | self.other_specialist)
        self.assertEqual(len(late), len(clerks | self.other_specialist))

    def test_no_warning_when_published_in_time(self):
        self._item(self.clerk, date(2026, 12, 14)).with_user(self.clerk).action_register()
        week = self._week(monday=date(2026, 12, 14))
        week.with_user(self.clerk).action_compile()
        week.with_user(self.clerk).action_submit()
        week.with_user(self.leader).action_approve()
        with freeze_time("2026-12-14 00:30:00"):  # Monday 07:30
            week.with_user(self.clerk).action_publish()
        with freeze_time("2026-12-14 01:00:00"):
            self.Week._cron_remind()
        self.assertFalse(self._activities(week, "moffice_tasks.mail_activity_schedule_late"))

    def test_printed_schedule(self):
        item = self._item(self.clerk, date(2026, 12, 9), name="Tiếp đoàn công tác của Bộ", chair_id=self.leader.id)
        item.with_user(self.clerk).action_register()
        week = self._week()
        week.with_user(self.clerk).action_compile()
        self.env.company.moffice_governing_body = "UBND TỈNH THỬ NGHIỆM"
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            .with_context(lang="en_US")
            ._render_qweb_html("moffice_tasks.action_report_schedule_week", week.ids)
        )
        html = html.decode()
        for text in (
            "WORK SCHEDULE OF THE WEEK",
            "UBND TỈNH THỬ NGHIỆM",
            "Wednesday",
            "09/12/2026",
            "08:00 - 10:30",
            "Tiếp đoàn công tác của Bộ",
            self.leader.name,
            "Week 50",
        ):
            self.assertIn(text, html)
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["moffice_tasks"], ["vi_VN"], overwrite=True)
        html_vi, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            .with_context(lang="vi_VN")
            ._render_qweb_html("moffice_tasks.action_report_schedule_week", week.ids)
        )
        self.assertIn("LỊCH CÔNG TÁC TUẦN", html_vi.decode())
        self.assertIn("Thứ Tư", html_vi.decode())
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            .with_context(lang="en_US")
            ._render("moffice_tasks.action_report_schedule_week_xlsx", week.ids)
        )
        self.assertEqual(kind, "xlsx")
        rows = [[cell.value for cell in row] for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows()]
        self.assertEqual(rows[3][0], "WORK SCHEDULE OF THE WEEK")
        row = next(row for row in rows if row[2] == "Tiếp đoàn công tác của Bộ")
        self.assertEqual(row[1], "08:00 - 10:30")
        self.assertEqual(row[3], self.leader.name)
