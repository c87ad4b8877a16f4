from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ArchiveCommon

RETURN_ACTIVITY = "moffice_archive.mail_activity_loan_return"


@tagged("post_install", "-at_install")
class TestLending(ArchiveCommon):
    """Paper originals kept by their unit's archive and lent by its
    custodians (Article 3.4); the register of use of archived copies."""

    def _original(self, reference, **values):
        """The archive item of a registered paper document, placed by the custodian."""
        document = self._document(reference, "2026-02-10", **values)
        item = self.env["moffice.archive.item"].search([("document_id", "=", document.id)])
        item.with_user(self.custodian).write({"location_id": self.location.id})
        return item

    def _ask(self, item, user, until="2026-04-10"):
        with freeze_time("2026-04-01"):
            return (
                self.env["moffice.archive.loan"]
                .with_user(user)
                .create({"item_id": item.id, "purpose": "Đối chiếu bản gốc khi thanh tra", "date_until": until})
                .with_env(self.env)
            )

    def _remind(self, day):
        with freeze_time(day):
            self.env["moffice.archive.loan"]._cron_remind_late()

    def _mails(self, loan):
        return self.env["mail.mail"].search([("model", "=", loan._name), ("res_id", "=", loan.id)])

    def test_paper_originals_are_items_of_the_archive(self):
        paper = self._document("11/UBND-VX", "2026-02-10")
        email = self._document("12/UBND-VX", "2026-02-10", channel="email")
        Items = self.env["moffice.archive.item"]
        item = Items.search([("document_id", "=", paper.id)])
        self.assertEqual((item.item_type, item.archive_unit_id, item.state), ("document", self.archive, "in_store"))
        self.assertFalse(Items.search([("document_id", "=", email.id)]), "only paper originals")
        # Made by the registration, never by hand; placed by the custodians of the archive only.
        for user in (self.custodian, self.clerk, self.specialist):
            with self.assertRaises(AccessError):
                Items.with_user(user).create({"item_type": "document", "document_id": email.id})
        for user in (self.center_custodian, self.clerk, self.specialist, self.leader):
            with self.assertRaises(AccessError):
                item.with_user(user).write({"location_id": self.location.id})
        with self.assertRaises(UserError):
            item.with_user(self.custodian).write({"location_id": self.center_location.id})
        with self.assertRaises(AccessError):
            item.with_user(self.custodian).write({"state": "lent"})
        item.with_user(self.custodian).write({"location_id": self.location.id})
        self.assertEqual(item.location_id, self.location)

    def test_every_original_has_a_location_from_its_registration(self):
        first = self._document("13/UBND-VX", "2026-02-10")
        second = self._document("14/UBND-VX", "2026-02-11")
        Items = self.env["moffice.archive.item"]
        items = Items.search([("document_id", "in", (first | second).ids)])
        self.assertEqual(len(items), 2)
        intake = items.location_id
        self.assertEqual(len(intake), 1, "both wait at the same intake")
        self.assertTrue(intake.is_intake)
        self.assertEqual(intake.department_id, self.archive)
        to_shelve = Items.with_user(self.custodian).search(
            ["|", ("location_id", "=", False), ("location_id.is_intake", "=", True)]
        )
        self.assertEqual(to_shelve & items, items)
        items[0].with_user(self.custodian).write({"location_id": self.location.id})
        self.assertEqual(items[0].location_id, self.location)
        self.assertFalse(Items.search([("document_id", "!=", False), ("location_id", "=", False)]))

    def test_lent_late_reminded_daily_and_returned(self):
        item = self._original("21/UBND-VX")
        loan = self._ask(item, self.other_specialist)
        self.assertEqual(loan.state, "requested")
        # Only a custodian of the item's archive lends it.
        for user in (self.other_specialist, self.clerk, self.leader, self.center_custodian):
            with self.assertRaises(AccessError):
                loan.with_user(user).action_lend()
        with self.assertRaises(AccessError):
            loan.with_user(self.other_specialist).write({"state": "lent"})
        with freeze_time("2026-04-02"):
            loan.with_user(self.custodian).action_lend()
        self.assertEqual((loan.state, item.state, loan.lent_by_id), ("lent", "lent", self.custodian))
        # The item is out: nobody else borrows it meanwhile.
        second = self._ask(item, self.specialist)
        with self.assertRaises(UserError):
            second.with_user(self.custodian).action_lend()
        # Reminded from the day after the due date, once a day, by activity and e-mail.
        self._remind("2026-04-10")
        self.assertFalse(self._activities(loan, RETURN_ACTIVITY))
        self.assertFalse(self._mails(loan))
        with freeze_time("2026-04-11"):
            self.assertTrue(loan.is_late)
        self._remind("2026-04-11")
        self._remind("2026-04-11")
        self.assertEqual(self._activities(loan, RETURN_ACTIVITY).user_id, self.other_specialist)
        self.assertEqual((len(self._mails(loan)), loan.reminder_count), (1, 1), "once a day")
        self._remind("2026-04-12")
        self.assertEqual((len(self._mails(loan)), loan.reminder_count), (2, 2))
        self.assertEqual(self._activities(loan, RETURN_ACTIVITY).date_deadline, date(2026, 4, 12))
        self.assertIn(self.other_specialist.partner_id, self._mails(loan).recipient_ids)
        # The custodian records the return; the reminders stop.
        with self.assertRaises(AccessError):
            loan.with_user(self.other_specialist).action_give_back()
        with freeze_time("2026-04-13"):
            loan.with_user(self.custodian).action_give_back()
        self.assertEqual((loan.state, loan.date_returned, item.state), ("returned", date(2026, 4, 13), "in_store"))
        self.assertFalse(self._activities(loan, RETURN_ACTIVITY))
        self._remind("2026-04-14")
        self.assertEqual(len(self._mails(loan)), 2)

    def test_confidential_originals_need_a_leader(self):
        item = self._original("31/UBND-VX", confidentiality="confidential")
        self.assertTrue(item.is_confidential)
        loan = self._ask(item, self.other_specialist)
        with self.assertRaises(UserError):
            loan.with_user(self.custodian).action_lend()
        for user in (self.custodian, self.other_specialist, self.clerk):
            with self.assertRaises(AccessError):
                loan.with_user(user).action_authorise()
        loan.with_user(self.leader).action_authorise()
        loan.with_user(self.custodian).action_lend()
        self.assertEqual((loan.state, loan.authorised_by_id), ("lent", self.leader))

    def test_recalled_early_with_a_reason(self):
        loan = self._ask(self._original("41/UBND-VX"), self.other_specialist, until="2026-05-30")
        loan.with_user(self.custodian).action_lend()
        with self.assertRaises(UserError):
            loan.with_user(self.custodian)._recall("")
        with self.assertRaises(AccessError):
            loan.with_user(self.center_custodian)._recall("Cần cho thanh tra.")
        with freeze_time("2026-04-05"):
            loan.with_user(self.custodian)._recall("Cần cho đoàn thanh tra.", date(2026, 4, 8))
        self.assertEqual((loan.date_until, loan.recall_reason), (date(2026, 4, 8), "Cần cho đoàn thanh tra."))
        self.assertEqual(self._activities(loan, RETURN_ACTIVITY).user_id, self.other_specialist)
        self._remind("2026-04-09")
        self.assertEqual(loan.reminder_count, 1, "late after the recall date")

    def test_custodian_scope_of_items_and_loans(self):
        office_item = self._original("51/UBND-VX")
        center_file = self._submitted(self._file(user=self.center_specialist))
        center_file.with_user(self.center_custodian)._accept(self.center_location)
        center_item = center_file.archive_item_id
        self.assertEqual(center_item.archive_unit_id, self.center)
        office_loan = self._ask(office_item, self.other_specialist)
        center_loan = self._ask(center_item, self.center_specialist)
        Loans = self.env["moffice.archive.loan"]
        self.assertEqual(Loans.with_user(self.custodian).search([]), office_loan)
        self.assertEqual(Loans.with_user(self.center_custodian).search([]), center_loan)
        self.assertEqual(Loans.with_user(self.other_specialist).search([]), office_loan, "a borrower sees their own")
        with self.assertRaises(AccessError):
            center_loan.with_user(self.custodian).action_lend()
        with self.assertRaises(AccessError):
            office_loan.with_user(self.center_custodian).action_lend()
        with self.assertRaises(AccessError):
            center_item.with_user(self.custodian).write({"notes": "Hộp 2"})
        center_item.with_user(self.center_custodian).write({"notes": "Hộp 2"})
        center_loan.with_user(self.center_custodian).action_lend()
        office_loan.with_user(self.custodian).action_lend()
        self.assertEqual((center_loan.state, office_loan.state), ("lent", "lent"))

    def test_register_of_use_equals_the_loans(self):
        loans = self.env["moffice.archive.loan"]
        for reference, borrower in (("61/UBND-VX", self.other_specialist), ("62/UBND-VX", self.specialist)):
            loan = self._ask(self._original(reference), borrower)
            with freeze_time("2026-04-03"):
                loan.with_user(self.custodian).action_lend()
            loans |= loan
        with freeze_time("2026-04-06"):
            loans[0].with_user(self.custodian).action_give_back()
        self._ask(self._original("63/UBND-VX"), self.specialist)  # asked, never lent: not in the register
        register = (
            self.env["moffice.archive.use.register"]
            .with_user(self.custodian)
            .create({"archive_unit_id": self.archive.id, "date_from": "2026-04-01", "date_to": "2026-04-30"})
        )
        _names, sheets = self._xlsx("moffice_archive.action_report_use_register_xlsx", register, self.custodian)
        rows = [row for row in sheets[1] if row and row[1] in loans.user_id.mapped("name")]
        self.assertEqual(len(rows[0]), 9, "the nine columns of Appendix IV")
        expected = [
            [
                "03/04/2026",
                loan.user_id.name,
                f"{loan.item_id.document_id.reference} 10/02/2026",
                loan.date_returned and loan.date_returned.strftime("%d/%m/%Y") or "",
                loan.purpose,
            ]
            for loan in loans.sorted("id")
        ]
        self.assertEqual([[row[0], row[1], row[2], row[6], row[8]] for row in rows], expected)
        html = self._html("moffice_archive.action_report_use_register_pdf", register, self.custodian)
        self.assertEqual(len(html.xpath("//table//tbody/tr")), len(loans))
