from datetime import datetime

from odoo.addons.moffice_documents.tests.common import MofficeDocumentCommon


class TaskCommon(MofficeDocumentCommon):
    """Role users, a unit, and tasks the leader gives."""

    deadline = datetime(2026, 12, 1, 10, 0)

    def _task(self, **values):
        """A task the leader gives, to the specialist unless ``values`` say otherwise."""
        return (
            self.env["moffice.task"]
            .with_user(self.leader)
            .create(
                {"name": "Tham mưu báo cáo", "user_id": self.specialist.id, "date_deadline": self.deadline, **values}
            )
        )
