from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ArchiveCommon


@tagged("post_install", "-at_install")
class TestFiles(ArchiveCommon):
    """Files (Decree 30 Art. 29, Appendix VI-III-4): code, contents in date
    order, one document in several files, the review at closing."""

    def test_file_code_and_documents_in_date_order(self):
        file = self._file(notation="07.QLKH", date_start=date(2026, 2, 1))
        self.assertEqual(file.code, "000.00.31.H42.2026.07.QLKH")
        self.assertEqual(file.archive_unit_id, self.archive)
        march = self._document("30/UBND-VX", "2026-03-05")
        january = self._document("10/UBND-VX", "2026-01-20")
        february = self._document("20/UBND-VX", "2026-02-14")
        # Added out of order, in two goes.
        file.with_user(self.specialist)._add(documents=march)
        file.with_user(self.specialist)._add(documents=january | february)
        entries = file.entry_ids._chronological()
        self.assertEqual(entries.document_id, january | february | march)
        self.assertEqual(entries.mapped("ordinal"), [1, 2, 3])
        self.assertEqual((file.doc_total, file.page_total), (3, 3))
        # The table of contents is generated: nobody types an ordinal or a total.
        with self.assertRaises(AccessError):
            file.with_user(self.specialist).write({"doc_total": 7})
        with self.assertRaises(UserError):
            entries[0].with_user(self.specialist).write({"document_id": march.id})
        # A document dated earlier still comes first.
        earliest = self._document("05/UBND-VX", "2026-01-02")
        file.with_user(self.specialist)._add(documents=earliest)
        self.assertEqual(file.entry_ids._chronological()[0].document_id, earliest)
        self.assertEqual(file.entry_ids.filtered(lambda entry: entry.document_id == march).ordinal, 4)

    def test_one_document_in_two_files_of_different_people(self):
        document = self._document("55/UBND-VX", "2026-04-01", readers=self.specialist | self.other_specialist)
        mine = self._file()
        theirs = self._file(user=self.other_specialist)
        documents_before = self.env["moffice.document"].search_count([])
        mine.with_user(self.specialist)._add(documents=document)
        theirs.with_user(self.other_specialist)._add(documents=document)
        self.assertEqual(self.env["moffice.document"].search_count([]), documents_before, "nothing is copied")
        self.assertEqual(mine.entry_ids.document_id, theirs.entry_ids.document_id)
        self.assertEqual(document.archive_entry_count, 2)
        # Each person keeps their own file: the other's is not theirs to change.
        with self.assertRaises(AccessError):
            theirs.with_user(self.center_specialist).write({"name": "Đổi tên"})
        other = self._document("56/UBND-VX", "2026-04-01", readers=self.center_specialist)
        with self.assertRaises(AccessError):
            self.env["moffice.archive.file.entry"].with_user(self.center_specialist).create(
                {"file_id": mine.id, "document_id": other.id}
            )

    def test_only_readable_documents_are_filed(self):
        secret = self._document("66/UBND-VX", "2026-04-02", readers=self.env["res.users"])
        file = self._file()
        with self.assertRaises(AccessError):
            file.with_user(self.specialist)._add(documents=secret)
        self.assertFalse(file.entry_ids)

    def test_plain_attachments_and_personal_documents(self):
        file = self._file(user=self.clerk)
        photo = (
            self.env["ir.attachment"]
            .with_user(self.clerk)
            .create({"name": "hien-truong.png", "raw": b"\x89PNG\r\n\x1a\n", "mimetype": "image/png"})
        )
        personal = self.env["moffice.personal.document"].with_user(self.clerk).create({"name": "Ghi chép"})
        others = self.env["moffice.personal.document"].with_user(self.leader).create({"name": "Của người khác"})
        with self.assertRaises(AccessError):
            file.with_user(self.clerk)._add(personal_documents=others)
        file.with_user(self.clerk)._add(attachments=photo, personal_documents=personal, date=date(2026, 5, 1))
        self.assertEqual(set(file.entry_ids.mapped("kind")), {"attachment", "personal"})
        self.assertEqual(photo.res_model, "moffice.archive.file.entry", "the photo's access follows the file")
        self.assertEqual(file.entry_ids.filtered("attachment_id").date, date(2026, 5, 1))

    def test_close_after_review(self):
        file = self._file()
        final = self._document("71/UBND-VX", "2026-04-03")
        draft = self._outgoing_draft(summary="Dự thảo báo cáo")
        file.with_user(self.specialist)._add(documents=final | draft)
        twice = (
            self.env["ir.attachment"]
            .with_user(self.specialist)
            .create({"name": "ban-sao.pdf", "raw": final.attachment_ids.raw, "mimetype": "application/pdf"})
        )
        file.with_user(self.specialist)._add(attachments=twice, date=date(2026, 12, 1))
        review = file._review_entries()
        self.assertEqual(review.document_id, draft)
        self.assertEqual(review.attachment_id, twice)
        # A draft may not stay in a closed file.
        with self.assertRaises(UserError):
            file.with_user(self.specialist)._close({})
        # Nobody but its person in charge or unit head closes it.
        with self.assertRaises(AccessError):
            file.with_user(self.other_specialist)._close({}, review)
        file.with_user(self.specialist)._close({"name": "Hồ sơ đã chỉnh", "retention_id": self.retention_10.id}, review)
        self.assertEqual((file.state, file.name, file.entry_ids.document_id), ("closed", "Hồ sơ đã chỉnh", final))
        self.assertTrue(file.date_end)
        # Its contents change no more, by any path.
        with self.assertRaises(UserError):
            file.entry_ids.with_user(self.specialist).unlink()
        with self.assertRaises(UserError):
            file.with_user(self.specialist)._add(documents=draft)

    def test_opened_from_the_published_catalogue(self):
        catalogue = (
            self.env["moffice.archive.catalogue"]
            .with_user(self.clerk)
            .create(
                {
                    "year": 2041,
                    "leader_id": self.leader.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "department_id": self.unit.id,
                                "notation": "03.PTN",
                                "name": "Hồ sơ đề tài cấp tỉnh năm 2041",
                                "retention_id": self.retention_10.id,
                                "user_id": self.specialist.id,
                            },
                        )
                    ],
                }
            )
        )
        line = catalogue.line_ids
        with self.assertRaises(UserError):
            self.env["moffice.archive.file"].with_user(self.specialist).create({"catalogue_line_id": line.id})
        catalogue.with_user(self.clerk).action_submit()
        catalogue.with_user(self.leader).action_approve()
        catalogue.with_user(self.clerk).action_publish()
        # The entry is the specialist's: nobody else opens its file.
        with self.assertRaises(UserError):
            self.env["moffice.archive.file"].with_user(self.other_specialist).create({"catalogue_line_id": line.id})
        file = self.env["moffice.archive.file"].with_user(self.specialist).create({"catalogue_line_id": line.id})
        self.assertEqual(
            (file.name, file.notation, file.retention_id, file.department_id, file.code),
            (line.name, "03.PTN", self.retention_10, self.unit, "000.00.31.H42.2041.03.PTN"),
        )

    def test_data_standard_of_files(self):
        with self.assertRaises(ValidationError):
            self._file(name="x" * 501)
        with self.assertRaises(ValidationError):
            self._file(notation="N" * 21)
        self._file(notation="DUP.01")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._file(notation="DUP.01")

    def test_a_person_leaving_hands_the_files_over(self):
        file = self._file(user=self.other_specialist)
        self.assertFalse(file.is_to_hand_over)
        self.other_specialist.employee_id.department_id = self.center
        self.assertTrue(file.is_to_hand_over)
        self.assertIn(file, self.env["moffice.archive.file"].search([("is_to_hand_over", "=", True)]))
        hand_over = "moffice_archive.mail_activity_file_hand_over"
        self.assertEqual(self._activities(file, hand_over).user_id, self.specialist, "the unit head is asked")
        with self.assertRaises(AccessError):
            file.with_user(self.other_specialist)._hand_over(self.specialist)
        file.with_user(self.specialist)._hand_over(self.specialist)
        self.assertEqual(file.user_id, self.specialist)
        self.assertFalse(file.is_to_hand_over)
        self.assertFalse(
            file.activity_ids.filtered(lambda activity: activity.activity_type_id == activity.activity_type_id)
        )

    def test_a_case_is_filed_in_a_file(self):
        case = self.env["moffice.case"].with_user(self.clerk).create({"name": "Đề tài giống lúa chịu mặn"})
        first = self._document("81/UBND-VX", "2026-04-05", case_id=case.id)
        file = self._file()
        with self.assertRaises(AccessError):
            file.with_user(self.specialist)._link_case(case)
        file.with_user(self.clerk)._link_case(case)
        self.assertEqual(file.entry_ids.document_id, first)
        self.assertEqual(case.archive_file_name, file.display_name)
        second = self._document("82/UBND-VX", "2026-04-06")
        second.with_user(self.clerk).write({"case_id": case.id})
        self.assertEqual(file.entry_ids.document_id, first | second)
