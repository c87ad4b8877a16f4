from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.moffice_documents.tests.common import MofficeReportCommon

SLIP = "moffice_documents.action_report_handling_slip"


@tagged("post_install", "-at_install")
class TestDocumentReports(MofficeReportCommon):
    """What the work adds to the documents' prints: the unit head's
    directions on the handling slip (the task's forwarding log) and the
    state of the task in the incoming handling tracker."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="moffice_test_staff",
            name="Nguyễn Văn Cán",
            groups="moffice_documents.group_moffice_specialist",
        )

    def test_unit_head_direction_on_the_slip_and_task_in_the_tracker(self):
        with freeze_time("2025-03-10 02:00:00"):
            document = self._incoming(date_document="2025-03-05")
            document.action_register()
            document.action_submit()
            document.with_user(self.leader)._route(
                {
                    "direction": "Giao Phòng Thử nghiệm.",
                    "lead_department_id": self.unit.id,
                    "date_deadline": "2025-03-20",
                }
            )
        task = document.sudo().task_ids
        with freeze_time("2025-03-11 02:00:00"):
            task.with_user(self.specialist)._forward(self.staff.id, "Đồng chí Cán dự thảo trả lời.")
        with freeze_time("2025-03-12 02:00:00"):
            # Passed on again by someone who is not the head: not the unit head's direction.
            task.with_user(self.staff)._forward(self.other_specialist.id, "Nhờ xử lý giúp.")

        tree = self._html(SLIP, document, self.clerk)
        lines = tree.xpath("//div[contains(concat(' ', @class, ' '), ' o_moffice_slip_unit ')]/div")
        self.assertEqual(
            [self._texts(line.xpath("./p")) for line in lines],
            [
                [
                    "- Given to: Nguyễn Văn Cán; handling deadline: 20/03/2025",
                    "Đồng chí Cán dự thảo trả lời.",
                    "Date: 11/03/2025 (Test specialist)",
                ]
            ],
        )
        # The clerk follows the document up without reading its task.
        self.assertFalse(task.with_user(self.clerk).has_access("read"))
        with freeze_time("2025-03-25 02:00:00"):
            task._lock_overdue()
            book = (
                self.env["moffice.register.report"]
                .with_user(self.clerk)
                .create({"book": "tracker", "date_from": "2025-03-01", "date_to": "2025-03-31"})
            )
            progress = book._book()["rows"][0][4]
        self.assertEqual(progress, "In handling; late; task: In progress; locked")
