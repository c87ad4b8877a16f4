from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ArchiveCommon


@tagged("post_install", "-at_install")
class TestCatalogue(ArchiveCommon):
    """The yearly file catalogue (Decree 30 Art. 28): drafted by the Office,
    approved by a leader, published to the units; copied from last year's."""

    def _catalogue(self, year, *lines):
        return (
            self.env["moffice.archive.catalogue"]
            .with_user(self.clerk)
            .create(
                {
                    "year": year,
                    "leader_id": self.leader.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "department_id": self.unit.id,
                                "notation": notation,
                                "name": name,
                                "retention_id": self.retention_10.id,
                                "user_id": self.specialist.id,
                            },
                        )
                        for notation, name in lines
                    ],
                }
            )
        )

    def _publish(self, catalogue):
        catalogue.with_user(self.clerk).action_submit()
        catalogue.with_user(self.leader).action_approve()
        catalogue.with_user(self.clerk).action_publish()

    def test_approval_and_publication(self):
        catalogue = self._catalogue(2041, ("01.PTN", "Hồ sơ kế hoạch công tác năm 2041"))
        # Only the Office drafts the catalogue; specialists read the published one only.
        with self.assertRaises(AccessError):
            self.env["moffice.archive.catalogue"].with_user(self.specialist).create({"year": 2030})
        with self.assertRaises(AccessError):
            catalogue.with_user(self.specialist).read(["name"])
        catalogue.with_user(self.clerk).action_submit()
        self.assertEqual(catalogue.state, "submitted")
        self.assertEqual(
            self._activities(catalogue, "moffice_archive.mail_activity_catalogue_approve").user_id, self.leader
        )
        # Submitted: the clerk changes it no more; nobody but a leader approves it.
        with self.assertRaises(AccessError):
            catalogue.with_user(self.clerk).write({"notes": "Sửa sau khi trình"})
        with self.assertRaises(AccessError):
            catalogue.line_ids.with_user(self.clerk).write({"name": "Sửa sau khi trình"})
        for user in (self.clerk, self.specialist, self.custodian, self.role_users["system_admin"]):
            with self.assertRaises(AccessError):
                catalogue.with_user(user).action_approve()
        catalogue.with_user(self.leader)._return("Bổ sung hồ sơ của Trung tâm.")
        self.assertEqual(catalogue.state, "draft")
        catalogue.with_user(self.clerk).write(
            {
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "department_id": self.center.id,
                            "notation": "01.TT",
                            "name": "Hồ sơ chuyển giao công nghệ năm 2026",
                            "retention_id": self.retention_10.id,
                            "user_id": self.center_specialist.id,
                        },
                    )
                ]
            }
        )
        self._publish(catalogue)
        self.assertEqual((catalogue.state, catalogue.approved_by_id), ("published", self.leader))
        message = catalogue.message_ids.filtered(lambda message: "is published" in (message.body or ""))
        self.assertEqual(message.partner_ids, (self.specialist | self.center_specialist).partner_id)
        # Published: the units read it, nobody changes it by hand.
        self.assertEqual(catalogue.with_user(self.center_specialist).line_ids.mapped("notation"), ["01.PTN", "01.TT"])
        with self.assertRaises(AccessError):
            catalogue.line_ids[:1].with_user(self.clerk).write({"name": "Sửa sau khi ban hành"})
        with self.assertRaises(AccessError):
            catalogue.line_ids[:1].with_user(self.clerk).unlink()
        # A leader takes it back to amend it; it is approved again.
        with self.assertRaises(AccessError):
            catalogue.with_user(self.clerk)._amend("Bổ sung")
        catalogue.with_user(self.leader)._amend("Bổ sung hồ sơ phát sinh.")
        self.assertEqual(catalogue.state, "draft")

    def test_copy_from_last_year(self):
        last = self._catalogue(
            2040,
            ("01.PTN", "Hồ sơ kế hoạch công tác năm 2040"),
            ("02.PTN", "Hồ sơ hội nghị tổng kết"),
        )
        self._publish(last)
        catalogue = self._catalogue(2041)
        catalogue.with_user(self.clerk).action_copy_previous()
        self.assertEqual(
            catalogue.line_ids.mapped("name"), ["Hồ sơ kế hoạch công tác năm 2041", "Hồ sơ hội nghị tổng kết"]
        )
        self.assertEqual(catalogue.line_ids.user_id, self.specialist)
        self.assertEqual(last.line_ids.mapped("name")[0], "Hồ sơ kế hoạch công tác năm 2040", "last year's stays")
        # Amended before approval, then the year's files open from it.
        catalogue.line_ids[1].with_user(self.clerk).unlink()
        self._publish(catalogue)
        file = (
            self.env["moffice.archive.file"]
            .with_user(self.specialist)
            .create({"catalogue_line_id": catalogue.line_ids.id})
        )
        self.assertEqual(file.code, "000.00.31.H42.2041.01.PTN")
        # One catalogue a year.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._catalogue(2041)
