from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TaskCommon

LOCKED = "task is locked"


@tagged("post_install", "-at_install")
class TestTasks(TaskCommon):
    def _events(self, task):
        return task.log_ids.sorted("id").mapped("event")

    def test_routed_deadline_follows_the_agency_not_the_leader(self):
        """The end of the deadline day is the agency's (its working calendar
        and time zone), whatever the time zone of the leader who routes."""
        self.leader.tz = "Europe/Paris"
        document = self._routed(date_deadline="2026-12-15")
        self.assertEqual(document.sudo().task_ids.date_deadline, datetime(2026, 12, 15, 10, 0))  # 17:00 in Hà Nội

    @freeze_time("2026-11-25 08:00:00")
    def test_nobody_accepts_their_own_work(self):
        """A task one gives oneself is accepted by a leader, not by oneself."""
        task = (
            self.env["moffice.task"]
            .with_user(self.specialist)
            .create(
                {
                    "name": "Tự giao",
                    "user_id": self.specialist.id,
                    "date_deadline": datetime(2026, 12, 1, 10, 0),
                }
            )
        )
        task.with_user(self.specialist)._report("completion", "Xong")
        with self.assertRaisesRegex(AccessError, "own work"):
            task.with_user(self.specialist)._review(True)
        self.assertEqual(task.state, "submitted")
        task.with_user(self.leader)._review(True)
        self.assertEqual(task.state, "done")
        self.assertEqual(task.log_ids.filtered(lambda line: line.event == "accepted").user_id, self.leader)

    def test_cancelling_checks_who_and_when(self):
        task = self._task()
        with self.assertRaises(AccessError):
            task.with_user(self.specialist).action_cancel()
        task.with_user(self.leader).action_cancel()
        self.assertEqual((task.state, self._events(task)[-1]), ("cancelled", "cancelled"))
        with self.assertRaisesRegex(UserError, "not possible"):
            task.with_user(self.leader).action_cancel()

    @freeze_time("2026-11-25 08:00:00")
    def test_the_giver_moves_a_deadline_only_before_it_passes(self):
        task = self._task()
        with self.assertRaises(AccessError):
            task.with_user(self.specialist)._reschedule(datetime(2026, 12, 3, 10, 0))
        task.with_user(self.leader)._reschedule(datetime(2026, 12, 3, 10, 0), "Lùi theo đề nghị của UBND")
        self.assertEqual(task.date_deadline, datetime(2026, 12, 3, 10, 0))
        self.assertEqual(self._events(task)[-1], "rescheduled")
        with freeze_time("2026-12-04 08:00:00"), self.assertRaisesRegex(UserError, "task is locked"):
            task.with_user(self.leader)._reschedule(datetime(2026, 12, 10, 10, 0))

    def test_the_tasks_of_a_withdrawn_document_are_cancelled(self):
        """Its issuer recalled the document: the work on it stops, in the log."""
        document = self._routed()
        task = document.sudo().task_ids
        self.assertEqual(task.state, "assigned")
        document.with_user(self.clerk)._withdraw("UBND tỉnh thu hồi văn bản.")
        self.assertEqual(task.state, "cancelled")
        last = task.log_ids.sorted("id")[-1]
        self.assertEqual((last.event, last.user_id), ("cancelled", self.clerk))
        self.assertIn("recalled by its issuer", last.note)
        self.assertFalse(task.activity_ids)

    def test_routing_a_document_creates_the_task(self):
        document = self._routed(cohandler_ids=[(6, 0, self.other_specialist.ids)], date_deadline="2026-12-15")
        task = self.env["moffice.task"].search([("document_ids", "in", document.ids)])
        self.assertEqual(len(task), 1)
        self.assertEqual(task.user_id, self.specialist)
        self.assertEqual(task.cohandler_ids, self.other_specialist)
        self.assertEqual(task.giver_id, self.leader)
        self.assertEqual(task.state, "assigned")
        self.assertEqual(task.date_deadline, datetime(2026, 12, 15, 10, 0))  # 17:00 in Hà Nội time
        self.assertEqual(self._events(task), ["created", "assigned"])

    @freeze_time("2026-11-25 08:00:00")
    def test_forward_feedback_accept(self):
        task = self._task()
        with self.assertRaises(AccessError):
            task.with_user(self.other_specialist)._report("progress", "Không phải việc của tôi")
        task.with_user(self.specialist)._forward(self.other_specialist.id, "Nhờ anh xử lý giúp")
        self.assertEqual(task.user_id, self.other_specialist)
        forwarded = task.log_ids.filtered(lambda line: line.event == "forwarded")
        self.assertEqual((forwarded.user_id, forwarded.target_user_id), (self.specialist, self.other_specialist))
        task.with_user(self.other_specialist)._report("progress", "Đã làm được một nửa")
        task.with_user(self.other_specialist)._report("completion", "Đã xong")
        self.assertEqual(task.state, "submitted")
        with self.assertRaisesRegex(UserError, "Say why"):
            task.with_user(self.leader)._review(False, "")
        task.with_user(self.leader)._review(False, "Bổ sung số liệu quý IV")
        self.assertEqual(task.state, "assigned")
        task.with_user(self.other_specialist)._report("completion", "Đã bổ sung")
        task.with_user(self.leader)._review(True)
        self.assertEqual(task.state, "done")
        self.assertEqual(
            self._events(task),
            [
                "created",
                "assigned",
                "forwarded",
                "feedback",
                "completed",
                "returned",
                "completed",
                "accepted",
            ],
        )

    def test_a_late_task_is_locked_and_every_path_refused(self):
        task = self._task()
        with freeze_time("2026-12-01 11:00:00"):
            # Before the sweep has run: refused all the same.
            for process in (
                lambda: task.with_user(self.specialist)._forward(self.other_specialist.id),
                lambda: task.with_user(self.specialist)._report("progress", "Tiến độ"),
                lambda: task.with_user(self.specialist)._report("completion", "Xong"),
                lambda: task.with_user(self.specialist).action_open_forward(),
            ):
                with self.assertRaisesRegex(UserError, LOCKED):
                    process()
            self.assertEqual(task.state, "assigned")
            self.env["moffice.task"]._cron_lock_overdue()
            self.assertTrue(task.is_locked)
            self.assertEqual(self._events(task)[-1], "locked")
            self.env["moffice.task"]._cron_lock_overdue()
            self.assertEqual(self._events(task).count("locked"), 1)

            task.with_user(self.specialist)._ask_extension(self.leader.id, datetime(2026, 12, 5, 10, 0), "Đi công tác")
            extension = task.extension_ids
            with self.assertRaises(AccessError):
                extension.with_user(self.specialist).action_grant()
            extension.with_user(self.leader).action_grant()
            self.assertFalse(task.is_locked)
            self.assertEqual(task.date_deadline, datetime(2026, 12, 5, 10, 0))
            task.with_user(self.specialist)._report("completion", "Đã xong sau gia hạn")
        self.assertEqual(self._events(task)[-3:], ["extension_requested", "extension_granted", "completed"])

    def test_refused_extension_keeps_the_lock(self):
        task = self._task()
        with freeze_time("2026-12-02 09:00:00"):
            self.env["moffice.task"]._cron_lock_overdue()
            task.with_user(self.specialist)._ask_extension(self.leader.id, datetime(2026, 12, 9), "Xin thêm thời gian")
            extension = task.extension_ids
            with self.assertRaisesRegex(UserError, "why"):
                extension.with_user(self.leader).action_refuse()
            extension.with_user(self.leader).answer = "Việc đã quá hạn nhiều lần"
            extension.with_user(self.leader).action_refuse()
            self.assertTrue(task.is_locked)
            self.assertEqual(self._events(task)[-1], "extension_refused")

    @freeze_time("2026-11-25 08:00:00")
    def test_extension_before_the_deadline(self):
        """A business trip: the assignee asks before the deadline passes."""
        task = self._task()
        task.with_user(self.specialist)._ask_extension(
            self.leader.id, datetime(2026, 12, 8, 10, 0), "Đi công tác Hà Nội"
        )
        task.extension_ids.with_user(self.leader).action_grant()
        self.assertEqual(task.date_deadline, datetime(2026, 12, 8, 10, 0))

    def test_the_log_cannot_be_written_by_users(self):
        task = self._task()
        entry = task.log_ids[:1]
        for user in (self.specialist, self.leader, self.role_users["system_admin"]):
            with self.assertRaises(AccessError):
                entry.with_user(user).write({"note": "Sửa nhật ký"})
            with self.assertRaises(AccessError):
                entry.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["moffice.task.log"].with_user(user).create({"task_id": task.id, "event": "accepted"})

    def test_sweep_locks_only_overdue_open_work(self):
        overdue = self._task(name="Quá hạn")
        future = self._task(name="Còn hạn", date_deadline=datetime(2027, 1, 10))
        done = self._task(name="Đã xong")
        with freeze_time("2026-11-25 08:00:00"):
            done.with_user(self.specialist)._report("completion", "Xong")
            done.with_user(self.leader)._review(True)
        with freeze_time("2026-12-03 08:00:00"):
            self.env["moffice.task"]._cron_lock_overdue()
        self.assertEqual((overdue | future | done).filtered("is_locked"), overdue)

    def test_specialists_see_only_their_tasks(self):
        task = self._task()
        Task = self.env["moffice.task"]
        self.assertIn(task, Task.with_user(self.specialist).search([]))
        self.assertNotIn(task, Task.with_user(self.other_specialist).search([]))
        with self.assertRaises(AccessError):
            task.with_user(self.specialist).write({"name": "Đổi tên"})

    @freeze_time("2026-11-25 08:00:00")
    def test_the_giver_reads_the_files_of_a_report(self):
        task = self._task()
        report = self._pdf(self.specialist, "bao-cao.pdf")
        task.with_user(self.specialist)._report("completion", "Báo cáo kèm theo", report.ids)
        self.assertEqual((report.res_model, report.res_id), ("moffice.task", task.id))
        self.assertEqual(report.with_user(self.leader).name, "bao-cao.pdf")
        with self.assertRaises(AccessError):
            report.with_user(self.other_specialist).read(["name"])
