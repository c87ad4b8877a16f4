from datetime import date

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.moffice_documents.models.roles import ROLE_CUSTODIAN, ROLE_SPECIALIST
from odoo.addons.moffice_documents.tests.common import MofficeReportCommon
from odoo.addons.moffice_documents.tests.test_access_history import make_pdf


class ArchiveCommon(MofficeReportCommon):
    """Two archives: the test Office (its custodian is the custodian role
    user) keeps the test unit headed by the specialist; an affiliated centre
    keeps its own, with its own custodian and specialist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.custodian = cls.role_users["custodian"]
        cls.archive = cls.env["hr.department"].create(
            {
                "name": "Văn phòng Thử nghiệm",
                "moffice_code": "VPTN",
                "moffice_unit_type": "office",
                "moffice_custodian_ids": [(6, 0, cls.custodian.ids)],
            }
        )
        cls.unit.parent_id = cls.archive
        cls.env["hr.employee"].create(
            {"name": "Chuyên viên Thử nghiệm", "user_id": cls.other_specialist.id, "department_id": cls.unit.id}
        )
        cls.center_custodian = new_test_user(
            cls.env, login="archive_center_custodian", name="Lưu trữ Trung tâm", groups=ROLE_CUSTODIAN
        )
        cls.center_specialist = new_test_user(
            cls.env, login="archive_center_specialist", name="Chuyên viên Trung tâm", groups=ROLE_SPECIALIST
        )
        cls.center = cls.env["hr.department"].create(
            {
                "name": "Trung tâm Thử nghiệm",
                "moffice_code": "TTTN",
                "moffice_unit_type": "affiliated",
                "moffice_custodian_ids": [(6, 0, cls.center_custodian.ids)],
            }
        )
        cls.env["hr.employee"].create(
            {"name": "Chuyên viên Trung tâm", "user_id": cls.center_specialist.id, "department_id": cls.center.id}
        )
        cls.retention_10 = cls.env.ref("moffice_archive.retention_10")
        cls.retention_2 = cls.env.ref("moffice_archive.retention_2")
        cls.location = cls._location(cls.archive, "01")
        cls.center_location = cls._location(cls.center, "01")
        cls.files = 0

    @classmethod
    def _location(cls, unit, box):
        return cls.env["moffice.archive.location"].create(
            {"department_id": unit.id, "building": "Nhà A", "room": "Kho 1", "shelf": "Giá 1", "box": box}
        )

    def _file(self, user=None, **values):
        """A file opened outside the catalogue by ``user`` (the specialist by default)."""
        type(self).files += 1
        return (
            self.env["moffice.archive.file"]
            .with_user(user or self.specialist)
            .create(
                {
                    "name": f"Hồ sơ thử nghiệm {self.files}",
                    "notation": f"{self.files:02d}.TN",
                    "retention_id": self.retention_10.id,
                    "date_start": date(2026, 1, 5),
                    **values,
                }
            )
            .with_env(self.env)
        )

    def _document(self, reference, date_document, readers=None, pages=None, **values):
        """An incoming document of the test unit registered by the clerk with
        a PDF of ``pages`` (texts; one page with its reference by default),
        granted to ``readers`` (the specialist by default)."""
        scan = (
            self.env["ir.attachment"]
            .with_user(self.clerk)
            .create(
                {
                    "name": f"{reference.replace('/', '-')}.pdf",
                    "raw": make_pdf(*(pages or [reference])),
                    "mimetype": "application/pdf",
                }
            )
        )
        document = self._incoming(
            reference=reference,
            date_document=date_document,
            attachment_ids=[(6, 0, scan.ids)],
            **{"department_id": self.unit.id, **values},
        )
        document.action_register()
        document.with_user(self.leader)._grant_read(users=readers if readers is not None else self.specialist)
        return document.with_env(self.env)

    def _closed(self, file, day=date(2026, 3, 2)):
        """``file`` with one document, closed on ``day`` by its person in charge."""
        if not file.entry_ids:
            type(self).files += 1
            file.with_user(file.user_id)._add(
                documents=self._document(f"{self.files}/UBND-VX", "2026-02-10", readers=file.user_id)
            )
        with freeze_time(day):
            file.with_user(file.user_id)._close({})
        return file

    def _activities(self, record, xmlid):
        """The open activities of the type ``xmlid`` on ``record``."""
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "in", record.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def _submitted(self, file):
        if file.state == "open":
            self._closed(file)
        file.with_user(file.user_id).action_submit()
        sender = self.clerk if file.archive_unit_id == self.archive else self.center_custodian
        file.submission_id.with_user(sender).action_send()
        return file

    def _archived(self, file):
        self._submitted(file)
        file.with_user(self.custodian)._accept(self.location)
        return file
