from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTaskTour(HttpCase):
    """A task created by the routing of an incoming document hits the lock
    after its deadline; the leader extends it; the specialist completes it."""

    def _routed_document(self, leader, specialist):
        """An incoming document registered by the clerk and routed by the
        leader to the specialist, due yesterday (its deadline has passed)."""
        clerk = new_test_user(self.env, login="task_clerk", groups="moffice_documents.group_moffice_clerk")
        scan = (
            self.env["ir.attachment"]
            .with_user(clerk)
            .create({"name": "scan.pdf", "raw": b"%PDF-1.4 scan", "mimetype": "application/pdf"})
        )
        document = (
            self.env["moffice.document"]
            .with_user(clerk)
            .create(
                {
                    "kind": "incoming",
                    "summary": "Báo cáo quá hạn",
                    "issuer_id": self.env["res.partner"]
                    .create({"name": "UBND tỉnh Thử nghiệm", "is_company": True})
                    .id,
                    "reference": "15/UBND-VX",
                    "date_document": date.today() - timedelta(days=5),
                    "document_type_id": self.env.ref("moffice_documents.type_incoming_letter").id,
                    "leader_id": leader.id,
                    "attachment_ids": [(6, 0, scan.ids)],
                }
            )
        )
        document.action_register()
        document.action_submit()
        document.with_user(leader)._route(
            {
                "direction": "Giao chuyên viên tham mưu báo cáo.",
                "lead_user_id": specialist.id,
                "date_deadline": date.today() - timedelta(days=1),
            }
        )
        return document.with_env(self.env)

    def test_locked_task_extension_completion(self):
        leader = new_test_user(
            self.env,
            login="task_leader",
            password="task_leader",
            name="Task Leader",
            groups="moffice_documents.group_moffice_document_admin",
        )
        specialist = new_test_user(
            self.env,
            login="task_specialist",
            password="task_specialist",
            name="Task Specialist",
            groups="moffice_documents.group_moffice_specialist",
        )
        task = self._routed_document(leader, specialist).task_ids
        self.assertEqual((task.user_id, task.giver_id, task.state), (specialist, leader, "assigned"))
        self.env["moffice.task"]._cron_lock_overdue()
        self.assertTrue(task.is_locked)
        self.start_tour(
            "/odoo/action-moffice_tasks.action_moffice_task_to_process",
            "moffice_task_locked_specialist",
            login="task_specialist",
        )
        self.assertEqual(task.extension_ids.state, "requested")
        self.start_tour(
            "/odoo/action-moffice_tasks.action_moffice_task_extension",
            "moffice_task_extension_leader",
            login="task_leader",
        )
        self.assertFalse(task.is_locked)
        self.assertGreater(task.date_deadline, datetime.now())
        self.start_tour(
            "/odoo/action-moffice_tasks.action_moffice_task_to_process",
            "moffice_task_complete_specialist",
            login="task_specialist",
        )
        self.assertEqual(task.state, "submitted")
        self.assertEqual(
            task.log_ids.sorted("id").mapped("event"),
            ["created", "assigned", "locked", "extension_requested", "extension_granted", "completed"],
        )
