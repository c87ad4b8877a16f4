from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.common import MofficeDocumentCommon


@tagged("post_install", "-at_install")
class TestReminders(MofficeDocumentCommon):
    """Reminders before deadlines in working time, and the daily late summary.

    Times are frozen in UTC; the department works 08:00–12:00 and 13:00–17:00
    in Viet Nam (UTC+7), Monday to Friday.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.company.resource_calendar_id
        cls.calendar.tz = "Asia/Ho_Chi_Minh"
        cls.one_day = cls.env.ref("moffice_tasks.reminder_one_day")
        cls.two_hours = cls.env.ref("moffice_tasks.reminder_two_hours")
        cls.reminder_type = cls.env.ref("moffice_tasks.mail_activity_task_reminder")

    def _task(self, deadline, **values):
        return (
            self.env["moffice.task"]
            .with_user(self.leader)
            .create(
                {
                    "name": "Tham mưu báo cáo quý IV",
                    "user_id": self.specialist.id,
                    "date_deadline": deadline,
                    **values,
                }
            )
        )

    def _reminders(self, task):
        return task.activity_ids.filtered(lambda activity: activity.activity_type_id == self.reminder_type)

    def _mails(self, user):
        return self.env["mail.mail"].search([("recipient_ids", "in", user.partner_id.ids)])

    def _run_at(self, moment):
        with freeze_time(moment):
            self.env["moffice.task"]._cron_send_reminders()

    def test_one_working_day_then_two_working_hours(self):
        with freeze_time("2026-11-30 02:00:00"):
            task = self._task(datetime(2026, 12, 2, 10, 0))  # Wednesday 17:00
        self._run_at("2026-12-01 09:59:00")  # Tuesday 16:59: more than a working day left
        self.assertFalse(self._reminders(task))
        mails_before = self._mails(self.specialist)

        self._run_at("2026-12-01 10:00:00")  # Tuesday 17:00: one working day left
        self.assertEqual(task.reminder_sent_ids, self.one_day)
        self.assertEqual(self._reminders(task).user_id, self.specialist)
        mail = self._mails(self.specialist) - mails_before
        self.assertEqual(len(mail), 1)
        self.assertIn("Tham mưu báo cáo quý IV", mail.subject)
        self.assertIn("17:00 02/12/2026", mail.body_html)

        self._run_at("2026-12-02 07:59:00")  # Wednesday 14:59: sent once only
        self.assertEqual(len(self._reminders(task)), 1)
        self._run_at("2026-12-02 08:00:00")  # Wednesday 15:00: two working hours left
        self.assertEqual(task.reminder_sent_ids, self.one_day | self.two_hours)
        self.assertEqual(len(self._reminders(task)), 2)
        self.assertEqual(len(self._mails(self.specialist) - mails_before), 2)

    def test_weekends_and_holidays_are_not_working_time(self):
        with freeze_time("2026-11-30 02:00:00"):
            task = self._task(datetime(2026, 12, 7, 10, 0))  # Monday 17:00
        self._run_at("2026-12-04 09:59:00")  # Friday 16:59: the weekend does not count
        self.assertFalse(task.reminder_sent_ids)
        self._run_at("2026-12-04 10:00:00")
        self.assertEqual(task.reminder_sent_ids, self.one_day)

        with freeze_time("2026-11-30 02:00:00"):
            holiday_task = self._task(datetime(2026, 12, 14, 10, 0))  # Monday 17:00
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Nghỉ bù",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 12, 10, 17, 0),
                "date_to": datetime(2026, 12, 11, 16, 59),  # Friday
            }
        )
        self._run_at("2026-12-10 09:59:00")  # Thursday 16:59
        self.assertFalse(holiday_task.reminder_sent_ids)
        self._run_at("2026-12-10 10:00:00")  # Thursday 17:00: Friday is a holiday
        self.assertEqual(holiday_task.reminder_sent_ids, self.one_day)

    def test_reminders_are_configurable_and_follow_the_deadline(self):
        self.one_day.active = False
        self.two_hours.amount = 3
        with freeze_time("2026-11-30 02:00:00"):
            task = self._task(datetime(2026, 12, 2, 10, 0))  # Wednesday 17:00
            done = self._task(datetime(2026, 12, 2, 10, 0))
            done.with_user(self.specialist)._report("completion", "Đã xong")
            done.with_user(self.leader)._review(True)
        self._run_at("2026-12-02 06:59:00")  # 13:59
        self.assertFalse(task.reminder_sent_ids)
        self._run_at("2026-12-02 07:00:00")  # 14:00: three working hours left
        self.assertEqual(task.reminder_sent_ids, self.two_hours)
        self.assertFalse(done.reminder_sent_ids, "a task done is not reminded")
        # A new deadline is reminded again.
        task.sudo().date_deadline = datetime(2026, 12, 3, 10, 0)
        self.assertFalse(task.reminder_sent_ids)
        self._run_at("2026-12-03 07:00:00")
        self.assertEqual(task.reminder_sent_ids, self.two_hours)

    def test_working_days_set_the_deadline(self):
        with freeze_time("2026-12-04 03:00:00"):  # Friday 10:00
            form_task = self.env["moffice.task"].with_user(self.leader).new({"deadline_working_days": 3})
            form_task._onchange_deadline_working_days()
        self.assertEqual(form_task.date_deadline, datetime(2026, 12, 9, 3, 0))  # Wednesday 10:00

    def test_daily_summary_of_late_work(self):
        other_unit = self.env["hr.department"].create({"name": "Phòng Kế hoạch", "moffice_code": "PKH"})
        other_unit.manager_id = self.env["hr.employee"].create(
            {"name": "Trưởng phòng Kế hoạch", "user_id": self.other_specialist.id, "department_id": other_unit.id}
        )
        with freeze_time("2026-11-30 02:00:00"):
            late_here = self._task(
                datetime(2026, 12, 1, 10, 0),
                name="Báo cáo đổi mới công nghệ",
                user_id=False,
                department_id=self.unit.id,
            )
            late_there = self._task(
                datetime(2026, 12, 1, 10, 0), name="Kế hoạch vốn năm 2027", user_id=False, department_id=other_unit.id
            )
            on_time = self._task(
                datetime(2026, 12, 9, 10, 0), name="Tổng kết năm", user_id=False, department_id=self.unit.id
            )
        self.assertEqual((late_here.unit_id, late_there.unit_id), (self.unit, other_unit))
        with freeze_time("2026-12-02 00:00:00"):
            self.env["moffice.task"]._cron_lock_overdue()
            self.env["moffice.task"]._cron_send_late_summary()
        leader_mail = self._mails(self.leader)
        self.assertEqual(len(leader_mail), 1)
        self.assertIn(late_here.name, leader_mail.body_html)
        self.assertIn(late_there.name, leader_mail.body_html)
        self.assertNotIn(on_time.name, leader_mail.body_html)
        head_mail = self._mails(self.specialist)
        self.assertEqual(len(head_mail), 1)
        self.assertIn(late_here.name, head_mail.body_html)
        self.assertNotIn(late_there.name, head_mail.body_html)
        self.assertIn("Phòng Thử nghiệm", head_mail.subject)
        self.assertIn(late_there.name, self._mails(self.other_specialist).body_html)
