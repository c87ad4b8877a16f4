from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.common import DeskCommon

from .common import ArchiveCommon


def _kept_by(record, user):
    return user in record.archive_unit_id.moffice_custodian_ids


@tagged("post_install", "-at_install")
class TestArchiveDesk(ArchiveCommon, DeskCommon):
    """The custodian's block: loans asked of their archive, loans late; never
    another archive's."""

    expected = {
        "loans_to_lend": (
            "moffice.archive.loan",
            lambda loan, user: loan.state in ("requested", "authorised") and _kept_by(loan, user),
        ),
        "loans_late": ("moffice.archive.loan", lambda loan, user: loan.is_late and _kept_by(loan, user)),
        "submissions_to_check": (
            "moffice.archive.submission",
            lambda submission, user: submission.state == "sent" and _kept_by(submission, user),
        ),
    }

    def _loan(self, reference, user):
        document = self._document(reference, "2026-02-10")
        item = self.env["moffice.archive.item"].search([("document_id", "=", document.id)])
        item.with_user(self.custodian).write({"location_id": self.location.id})
        return (
            self.env["moffice.archive.loan"]
            .with_user(user)
            .create({"item_id": item.id, "purpose": "Đối chiếu bản gốc", "date_until": "2026-04-10"})
            .with_env(self.env)
        )

    def test_custodian_counts_their_archive_only(self):
        with freeze_time("2026-04-01"):
            asked = self._loan("41/UBND-VX", self.other_specialist)
            lent = self._loan("42/UBND-VX", self.other_specialist)
            lent.with_user(self.custodian).action_lend()
        with freeze_time("2026-04-20"):
            counts = self.assertDeskTrue(self.custodian)
            self.assertEqual((counts["loans_to_lend"], counts["loans_late"]), (1, 1))
            self.assertEqual(asked.state, "requested")
            other = self._counts(self.center_custodian)
            self.assertEqual((other["loans_to_lend"], other["loans_late"]), (0, 0))
            self.assertNotIn("custodian", self._desk(self.other_specialist))
