from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.moffice_documents.models.roles import ROLE_ADMIN

from .common import ArchiveCommon

DUE_ACTIVITY = "moffice_archive.mail_activity_file_due"


@tagged("post_install", "-at_install")
class TestSubmission(ArchiveCommon):
    """Submission to the agency archive (Decree 30 Art. 30, matrix II.12)."""

    def _sweep(self, day):
        with freeze_time(day):
            self.env["moffice.archive.file"]._cron_warn_due()

    def test_warned_30_days_ahead_then_when_late(self):
        file = self._closed(self._file(user=self.other_specialist), day=date(2026, 3, 2))
        short = self._closed(self._file(user=self.other_specialist, retention_id=self.retention_2.id))
        self.assertEqual(file.date_due, date(2027, 3, 2))
        self.assertFalse(short.date_due, "files kept less than five years are not submitted")
        self._sweep("2027-01-30")
        self.assertFalse(self._activities(file, DUE_ACTIVITY))
        self._sweep("2027-01-31")
        warned = self._activities(file, DUE_ACTIVITY)
        self.assertEqual(
            warned.user_id, self.other_specialist | self.specialist, "the person in charge and the unit head"
        )
        self.assertEqual(file.warning_stage, "soon")
        self._sweep("2027-02-15")
        self._sweep("2027-03-02")
        self.assertEqual(self._activities(file, DUE_ACTIVITY), warned, "once, and the due day itself is not late")
        with freeze_time("2027-03-02"):
            self.assertFalse(file.is_late)
        self._sweep("2027-03-03")
        self.assertEqual(len(self._activities(file, DUE_ACTIVITY)), 4)
        self.assertEqual(file.warning_stage, "late")
        with freeze_time("2027-03-03"):
            self.assertTrue(file.is_late)
            self.assertIn(file, self.env["moffice.archive.file"].search([("is_late", "=", True)]))
        self._sweep("2027-04-01")
        self.assertEqual(len(self._activities(file, DUE_ACTIVITY)), 4, "late is warned once")
        self.assertFalse(self._activities(short, DUE_ACTIVITY))
        with self.assertRaises(UserError):
            short.with_user(self.other_specialist).action_submit()

    def test_accepted_files_are_frozen(self):
        document = self._document("91/UBND-VX", "2026-02-01", readers=self.other_specialist)
        file = self._file(user=self.other_specialist)
        file.with_user(self.other_specialist)._add(documents=document)
        self._closed(file)
        file.with_user(self.other_specialist).action_submit()
        submission = file.submission_id
        self.assertEqual(
            (file.state, submission.state, submission.archive_unit_id), ("submitted", "draft", self.archive)
        )
        # The archive checks files handed over, not before.
        with self.assertRaises(UserError):
            file.with_user(self.custodian)._accept(self.location)
        # The submission is the clerk's and the custodians' (II.12), nobody else's.
        for user in (self.specialist, self.leader, self.role_users["system_admin"]):
            with self.assertRaises(AccessError):
                submission.with_user(user).action_send()
        submission.with_user(self.clerk).action_send()
        # Only a custodian of the archive keeping it accepts it, at one of its locations.
        for user in (self.clerk, self.other_specialist, self.leader, self.center_custodian):
            with self.assertRaises(AccessError):
                file.with_user(user)._accept(self.location)
        with self.assertRaises(UserError):
            file.with_user(self.custodian)._accept(self.center_location)
        file.with_user(self.custodian)._accept(self.location)
        name = file.name
        self.assertEqual((file.state, submission.state), ("archived", "done"))
        self.assertEqual(file.archive_item_id.location_id, self.location)
        self.assertEqual(submission.line_ids.result, "accepted")

        # Frozen: every path refused, for everyone, whatever the field.
        for user in (self.other_specialist, self.custodian, self.clerk, self.leader):
            with self.assertRaises(AccessError):
                file.with_user(user).write({"name": "Sửa hồ sơ đã nộp lưu"})
            with self.assertRaises(UserError):
                file.entry_ids.with_user(user).unlink()
            with self.assertRaises(UserError):
                file.with_user(user).unlink()
        with self.assertRaises(UserError):
            file.sudo().write({"description": "Sửa bằng quyền hệ thống"})
        with self.assertRaises(UserError):
            file.entry_ids.sudo().write({"note": "Sửa"})
        with self.assertRaises(UserError):
            self.env["moffice.archive.file.entry"].sudo().create(
                {"file_id": file.id, "document_id": self._document("92/UBND-VX", "2026-02-02").id}
            )
        # So are its documents and their files.
        with self.assertRaises(UserError):
            document.with_user(self.clerk).write({"notes": "Sửa văn bản đã nộp lưu"})
        with self.assertRaises(UserError):
            document.sudo().write({"summary": "Sửa bằng quyền hệ thống"})
        with self.assertRaises(UserError):
            document.attachment_ids.with_user(self.clerk).write({"name": "doi-ten.pdf"})
        with self.assertRaises(UserError):
            file.with_user(self.other_specialist).action_reopen()
        self.assertEqual(file.name, name)
        # Reading and granting access to it go on (Appendix VI-III-6c).
        document.with_user(self.leader)._grant_read(users=self.center_specialist)
        self.assertIn(self.center_specialist, document.reader_user_ids)

    def test_returned_with_a_reason_and_submitted_again(self):
        file = self._submitted(self._file(user=self.other_specialist))
        with self.assertRaises(UserError):
            file.with_user(self.custodian)._return("")
        file.with_user(self.custodian)._return("Thiếu mục lục văn bản.")
        self.assertEqual(
            (file.state, file.return_reason, file.submission_id),
            ("closed", "Thiếu mục lục văn bản.", file.submission_id.browse()),
        )
        line = self.env["moffice.archive.submission.line"].search([("file_id", "=", file.id)])
        self.assertEqual(
            (line.result, line.reason, line.submission_id.state), ("returned", "Thiếu mục lục văn bản.", "done")
        )
        file.with_user(self.other_specialist).action_submit()
        self.assertNotEqual(file.submission_id, line.submission_id, "a new list")
        self.assertEqual(file.submission_id.state, "draft")

    def test_kept_back_with_a_leader_approval(self):
        file = self._closed(self._file(user=self.other_specialist), day=date(2026, 3, 2))
        # At most two more years.
        with self.assertRaises(UserError):
            file.with_user(self.other_specialist)._ask_keep(date(2029, 3, 3), "Còn sử dụng.")
        with self.assertRaises(AccessError):
            file.with_user(self.center_specialist)._ask_keep(date(2028, 3, 2), "Còn sử dụng.")
        file.with_user(self.other_specialist)._ask_keep(date(2028, 3, 2), "Đang thanh tra dự án.")
        asked = self._activities(file, "moffice_archive.mail_activity_file_keep").user_id
        self.assertIn(self.leader, asked)
        self.assertEqual(asked.filtered(lambda user: user.has_group(ROLE_ADMIN)), asked, "leaders only")
        for user in (self.other_specialist, self.specialist, self.clerk, self.custodian):
            with self.assertRaises(AccessError):
                file.with_user(user).action_keep()
        with self.assertRaises(AccessError):
            file.with_user(self.other_specialist).write({"keep_until": "2029-01-01"})
        with freeze_time("2026-06-01"):
            file.with_user(self.leader).action_keep()
        self.assertEqual(
            (file.keep_until, file.date_due, file.kept_by_id, file.date_kept, file.keep_reason),
            (date(2028, 3, 2), date(2028, 3, 2), self.leader, date(2026, 6, 1), "Đang thanh tra dự án."),
        )
        self.assertFalse(self._activities(file, "moffice_archive.mail_activity_file_keep"))
        self._sweep("2027-03-03")
        self.assertFalse(self._activities(file, DUE_ACTIVITY), "not late while kept back")
        self._sweep("2028-02-01")
        self.assertTrue(self._activities(file, DUE_ACTIVITY))
        # A refusal is recorded too.
        other = self._closed(self._file(user=self.other_specialist), day=date(2026, 3, 2))
        other.with_user(self.other_specialist)._ask_keep(date(2027, 9, 1), "Còn sử dụng.")
        other.with_user(self.leader)._refuse_keep("Đã hết việc, đề nghị nộp lưu.")
        self.assertEqual((other.keep_until, other.keep_request_until, other.date_due), (False, False, date(2027, 3, 2)))

    def test_custodian_scope(self):
        office_file = self._submitted(self._file(user=self.other_specialist))
        center_file = self._submitted(self._file(user=self.center_specialist))
        Submission = self.env["moffice.archive.submission"]
        self.assertEqual(center_file.archive_unit_id, self.center)
        self.assertEqual(Submission.with_user(self.custodian).search([]), office_file.submission_id)
        self.assertEqual(Submission.with_user(self.center_custodian).search([]), center_file.submission_id)
        clerk_sees = Submission.with_user(self.clerk).search([])
        self.assertIn(office_file.submission_id, clerk_sees, "the Office's")
        self.assertNotIn(center_file.submission_id, clerk_sees)
        with self.assertRaises(AccessError):
            center_file.submission_id.with_user(self.custodian).read(["name"])
        with self.assertRaises(AccessError):
            center_file.with_user(self.custodian)._accept(self.location)
        center_file.with_user(self.center_custodian)._accept(self.center_location)
        Files = self.env["moffice.archive.file"]
        self.assertIn(center_file, Files.with_user(self.center_custodian).search([]))
        self.assertNotIn(center_file, Files.with_user(self.custodian).search([]))
        self.assertNotIn(office_file, Files.with_user(self.center_custodian).search([]))

    def test_submission_list_and_hand_over_record(self):
        first = self._closed(self._file(user=self.other_specialist))
        second = self._closed(self._file(user=self.specialist))
        first.with_user(self.other_specialist).action_submit()
        second.with_user(self.specialist).action_submit()
        submission = first.submission_id
        self.assertEqual(second.submission_id, submission, "one list for the unit")
        html = self._html("moffice_archive.action_report_submission_list", submission, self.clerk)
        _headers, rows = self._table(html.xpath("//table[hasclass('o_moffice_table')]")[0])
        self.assertEqual([row[1] for row in rows], [first.code, second.code])
        self.assertEqual([row[2] for row in rows], [first.name, second.name])
        record = self._html("moffice_archive.action_report_submission_record", submission, self.custodian)
        self.assertIn("Files: 2", " ".join(record.text_content().split()))
