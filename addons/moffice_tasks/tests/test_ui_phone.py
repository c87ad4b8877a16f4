from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import TaskCommon


@tagged("post_install", "-at_install")
class TestTaskPhoneTours(HttpCase, TaskCommon):
    """Tasks and the schedule on a phone (390 × 844, touch): a specialist
    reports progress with a photo and asks for an extension, the leader
    grants it, everyone reads the week's schedule."""

    browser_size = "390x844"
    touch_enabled = True

    def test_progress_with_a_photo_and_an_extension(self):
        task = self._task(
            name="Khảo sát hiện trạng chuyển đổi số cấp xã", date_deadline=fields.Datetime.now() + timedelta(days=3)
        )
        self.assertEqual(task.state, "assigned")
        deadline = task.date_deadline
        self.start_tour(
            "/odoo/action-moffice_tasks.action_moffice_task_to_process",
            "moffice_phone_specialist",
            login=self.specialist.login,
        )
        progress = task.feedback_ids.filtered(lambda feedback: feedback.kind == "progress")
        self.assertEqual(progress.attachment_ids.mapped("mimetype"), ["image/jpeg"])
        self.assertEqual((task.extension_ids.state, task.extension_ids.leader_id), ("requested", self.leader))
        self.start_tour(
            "/odoo/action-moffice_tasks.action_moffice_task_extension",
            "moffice_phone_leader_extension",
            login=self.leader.login,
        )
        self.assertEqual(task.extension_ids.state, "granted")
        self.assertGreater(task.date_deadline, deadline)

    def test_the_week_schedule(self):
        self.env["moffice.schedule.item"].with_user(self.specialist).create(
            {
                "name": "Họp giao ban tuần",
                "date": fields.Date.context_today(self.env.user),
                "time_start": 8.0,
                "time_end": 9.5,
                "department_id": self.unit.id,
                "location": "Phòng họp tầng 2",
                "participant_ids": [(6, 0, self.specialist.ids)],
            }
        )
        self.start_tour(
            "/odoo/action-moffice_tasks.action_moffice_schedule_item",
            "moffice_phone_schedule",
            login=self.specialist.login,
        )
