from datetime import date

from odoo.tests import HttpCase, tagged

from .common import ArchiveCommon


@tagged("post_install", "-at_install")
class TestArchiveTours(HttpCase, ArchiveCommon):
    """The archive in the browser, each step by its own role."""

    def test_close_submit_accept_borrow_return(self):
        for user in (self.other_specialist, self.custodian, self.center_specialist):
            user.password = user.login
        self._location(self.archive, "Hộp Tour")
        file = self._file(user=self.other_specialist)
        file.with_user(self.other_specialist)._add(
            documents=self._document("81/UBND-VX", "2026-02-10", readers=self.other_specialist)
        )
        self.start_tour(
            f"/odoo/moffice.archive.file/{file.id}", "moffice_archive_close_submit", login=self.other_specialist.login
        )
        self.assertEqual((file.state, file.date_end), ("submitted", date.today()))
        self.start_tour(
            f"/odoo/moffice.archive.submission/{file.submission_id.id}",
            "moffice_archive_accept",
            login=self.custodian.login,
        )
        self.assertEqual((file.state, file.location_id.box), ("archived", "Hộp Tour"))
        original = self._document("82/UBND-VX", "2026-02-11")
        item = self.env["moffice.archive.item"].search([("document_id", "=", original.id)])
        item.with_user(self.custodian).location_id = self.location
        self.start_tour(
            f"/odoo/moffice.archive.item/{item.id}", "moffice_archive_borrow", login=self.center_specialist.login
        )
        loan = item.loan_ids
        self.assertEqual(
            (loan.user_id, loan.state, loan.date_until), (self.center_specialist, "requested", date(2030, 12, 31))
        )
        self.start_tour(
            f"/odoo/moffice.archive.loan/{loan.id}", "moffice_archive_lend_return", login=self.custodian.login
        )
        self.assertEqual((loan.state, item.state, loan.returned_to_id), ("returned", "in_store", self.custodian))
