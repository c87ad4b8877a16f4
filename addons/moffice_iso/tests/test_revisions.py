import io
from datetime import date, timedelta

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IsoCommon

DAY0 = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestIsoRevisions(IsoCommon):
    """One current revision at a time, whatever the clock says."""

    def _current(self, document):
        """The revisions searched as current, and the one the document shows."""
        revisions = self.env["moffice.iso.revision"].search(
            [("document_id", "=", document.id), ("validity", "=", "current")]
        )
        document.invalidate_recordset()
        return revisions, document.current_revision_id

    def test_one_current_revision_before_between_and_after_two_future_revisions(self):
        with freeze_time(f"{DAY0} 03:00:00"):
            document = self._document()
            first = self._issued(document)
            second = self._issued(document, DAY0 + timedelta(days=10))
            third = self._issued(document, DAY0 + timedelta(days=20))
            self.assertEqual([first.revision_number, second.revision_number, third.revision_number], [1, 2, 3])
        expected = {
            # day: (current, validity of the first, second, third)
            DAY0 + timedelta(days=5): (first, ["current", "upcoming", "upcoming"]),
            DAY0 + timedelta(days=10): (second, ["obsolete", "current", "upcoming"]),
            DAY0 + timedelta(days=15): (second, ["obsolete", "current", "upcoming"]),
            DAY0 + timedelta(days=25): (third, ["obsolete", "obsolete", "current"]),
        }
        for day, (current, validities) in expected.items():
            with self.subTest(day=day), freeze_time(f"{day} 03:00:00"):
                (first | second | third).invalidate_recordset()
                searched, shown = self._current(document)
                self.assertEqual(searched, current)
                self.assertEqual(shown, current)
                self.assertEqual([first.validity, second.validity, third.validity], validities)
                obsolete = self.env["moffice.iso.revision"].search(
                    [("document_id", "=", document.id), ("validity", "=", "obsolete")]
                )
                self.assertEqual(obsolete, (first | second | third).filtered(lambda r: r.validity == "obsolete"))
                self.assertNotIn(current, obsolete)

    def test_as_on_date_shows_the_revision_then_current(self):
        with freeze_time(f"{DAY0} 03:00:00"):
            document = self._document()
            self._issued(document)
            self._issued(document, DAY0 + timedelta(days=30))
        with freeze_time(f"{DAY0 + timedelta(days=40)} 03:00:00"):
            for day, number in (
                (DAY0 - timedelta(days=1), None),
                (DAY0, 1),
                (DAY0 + timedelta(days=29), 1),
                (DAY0 + timedelta(days=30), 2),
            ):
                audit = self.env["moffice.iso.audit"].with_user(self.clerk).create({"date": day})
                rows = {row[1]: row[4] for row in audit._master_table()[1]}
                self.assertEqual(rows.get(document.code), number and f"{number:02d}", day)
                as_on = document.with_context(moffice_iso_date=str(day)).with_user(self.custodian)
                self.assertEqual(as_on.current_revision_number, number or 0)

    def test_master_list_printed_in_vietnamese_as_on_a_day(self):
        """The PDF and the XLSX of the master list say, in Vietnamese, which revision was current on the day asked."""
        with freeze_time(f"{DAY0} 03:00:00"):
            document = self._document()
            self._issued(document)
            self._issued(document, DAY0 + timedelta(days=30))
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["moffice_iso"], ["vi_VN"], overwrite=True)
        reports = self.env["ir.actions.report"].with_user(self.custodian).with_context(lang="vi_VN")
        for day, number in ((DAY0 + timedelta(days=29), "01"), (DAY0 + timedelta(days=30), "02")):
            audit = self.env["moffice.iso.audit"].with_user(self.custodian).create({"date": day})
            html = reports._render_qweb_html("moffice_iso.action_report_iso_master_list_pdf", audit.ids)[0].decode()
            self.assertIn("DANH MỤC TÀI LIỆU HIỆN HÀNH", html)
            self.assertIn(f"Lần ban hành hiện hành tại ngày {day.strftime('%d/%m/%Y')}", html)
            content, kind = reports._render("moffice_iso.action_report_iso_master_list_xlsx", audit.ids)
            self.assertEqual(kind, "xlsx")
            rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
            self.assertIn("DANH MỤC TÀI LIỆU HIỆN HÀNH", [row[0] for row in rows])
            row = next(row for row in rows if row[1] == document.code)
            self.assertEqual(row[4], number, day)
            self.assertIn(f"<td>{number}</td>", html)

    def test_issue_dates_and_numbers(self):
        with freeze_time(f"{DAY0} 03:00:00"):
            document = self._document()
            self._issued(document, DAY0 + timedelta(days=20))
            revision = self._draft(document)
            revision.action_submit()
            revision.with_user(self.leader).action_approve()
            with self.assertRaises(UserError):
                revision.with_user(self.clerk)._issue(DAY0 - timedelta(days=1))
            with self.assertRaises(UserError):
                revision.with_user(self.clerk)._issue(DAY0 + timedelta(days=19))
            self.assertEqual((revision.state, revision.revision_number), ("approved", 0))
            revision.with_user(self.clerk)._issue(DAY0 + timedelta(days=20))
            self.assertEqual((revision.state, revision.revision_number), ("issued", 2))
            self.assertEqual(document.last_revision_number, 2)

    def test_review_approval_and_return(self):
        """Comments by the people chosen, by a due date; the leader returns with
        a reason, then approves; only the Office issues."""
        document = self._document()
        revision = self._draft(document)
        today = self.env.company._moffice_now().date()
        with self.assertRaises(UserError):
            revision._ask_review(self.leader | self.clerk, today - timedelta(days=1))
        revision._ask_review(self.leader | self.clerk, today + timedelta(days=3), "Góp ý giúp.")
        self.assertEqual(revision.state, "review")
        self.assertEqual(revision.review_ids.user_id, self.leader | self.clerk)
        with self.assertRaises(AccessError):
            revision.with_user(self.custodian)._comment("Tôi không được hỏi.")
        revision.with_user(self.clerk)._comment("Bổ sung bước số hóa.")
        with self.assertRaises(AccessError):
            revision.with_user(self.clerk)._comment("Lần thứ hai.")
        self.assertEqual(revision.review_ids.filtered("date_commented").user_id, self.clerk)
        with self.assertRaises(AccessError):
            revision.with_user(self.other_specialist).action_submit()
        revision.action_submit()
        with self.assertRaises(AccessError):
            revision.with_user(self.clerk).action_approve()
        with self.assertRaises(UserError):
            revision.with_user(self.leader)._return(" ")
        revision.with_user(self.leader)._return("Sửa lại lưu đồ.")
        self.assertEqual((revision.state, revision.return_reason), ("draft", "Sửa lại lưu đồ."))
        revision.action_submit()
        revision.with_user(self.leader).action_approve()
        self.assertEqual((revision.state, revision.approver_id), ("approved", self.leader))
        with self.assertRaises(AccessError):
            revision.with_user(self.specialist)._issue(today)
        revision.with_user(self.leader)._issue(today)
        self.assertEqual((revision.state, revision.validity, document.state), ("issued", "current", "in_force"))

    def test_files_of_a_submitted_revision_are_frozen(self):
        document = self._document()
        revision = self._draft(document)
        revision.action_submit()
        file = revision.attachment_ids
        for user in (self.specialist, self.clerk, self.leader):
            with self.assertRaises(UserError):
                file.with_user(user).write({"raw": b"%PDF-1.4 altered"})
            with self.assertRaises(UserError):
                file.with_user(user).unlink()
            with self.assertRaises(AccessError):
                revision.with_user(user).write({"attachment_ids": [(5, 0, 0)]})
        self.assertEqual(revision.attachment_ids, file)

    def test_one_revision_in_preparation(self):
        document = self._document()
        self._draft(document)
        with self.assertRaises(UserError):
            document.with_user(self.clerk).action_new_revision()
        with self.assertRaises(AccessError):
            document.with_user(self.other_specialist).action_new_revision()

    def test_specialists_read_only_what_involves_them(self):
        document = self._document()
        revision = self._issued(document)
        stranger = self.env["res.users"].create(
            {
                "name": "Chuyên viên ngoài",
                "login": "iso_stranger",
                "groups_id": [(6, 0, self.env.ref("moffice_documents.group_moffice_specialist").ids)],
            }
        )
        self.assertFalse(self.env["moffice.iso.document"].with_user(stranger).search([("id", "=", document.id)]))
        with self.assertRaises(AccessError):
            revision.with_user(stranger).check_access("read")
        with self.assertRaises(AccessError):
            self.env["moffice.iso.document"].with_user(stranger).create(
                {
                    "code": "QT-TN-09",
                    "name": "Quy trình",
                    "type_id": self.procedure_type.id,
                    "department_id": self.unit.id,
                }
            )
        # the person on the distribution reads the document and its revisions
        self.assertEqual(
            self.env["moffice.iso.revision"]
            .with_user(self.other_specialist)
            .search([("document_id", "=", document.id)]),
            revision,
        )
