from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTaskTour(HttpCase):
    """A routed task hits the lock after its deadline; the leader extends it."""

    def test_locked_task_extension_completion(self):
        leader = new_test_user(self.env, login="task_leader", password="task_leader", name="Task Leader",
                               groups="moffice_documents.group_moffice_document_admin")
        specialist = new_test_user(self.env, login="task_specialist", password="task_specialist",
                                   name="Task Specialist", groups="moffice_documents.group_moffice_specialist")
        task = self.env["moffice.task"].with_user(leader).create({
            "name": "Báo cáo quá hạn", "user_id": specialist.id,
            "date_deadline": datetime.now() - timedelta(hours=2),
        })
        self.env["moffice.task"]._cron_lock_overdue()
        self.assertTrue(task.is_locked)
        self.start_tour("/odoo/action-moffice_tasks.action_moffice_task_to_process",
                        "moffice_task_locked_specialist", login="task_specialist")
        self.assertEqual(task.extension_ids.state, "requested")
        self.start_tour("/odoo/action-moffice_tasks.action_moffice_task_extension",
                        "moffice_task_extension_leader", login="task_leader")
        self.assertFalse(task.is_locked)
        self.assertGreater(task.date_deadline, datetime.now())
        self.start_tour("/odoo/action-moffice_tasks.action_moffice_task_to_process",
                        "moffice_task_complete_specialist", login="task_specialist")
        self.assertEqual(task.state, "submitted")
        self.assertEqual(task.log_ids.sorted("id").mapped("event")[-4:],
                         ["locked", "extension_requested", "extension_granted", "completed"])
