from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IsoCommon

REVIEW = "moffice_iso.mail_activity_iso_review"


@tagged("post_install", "-at_install")
class TestIsoPeriodicReview(IsoCommon):
    """When its review interval has passed, the owner confirms the document or starts a new revision."""

    def _due(self):
        return self.env["moffice.iso.document"].search([("is_review_due", "=", True)])

    def test_review_due_confirmed_by_the_owner(self):
        cron = self.env["moffice.iso.document"]._cron_review_due
        with freeze_time("2026-03-02 03:00:00"):
            document = self._document()
            self._issued(document)
        self.assertEqual(document.date_next_review.isoformat(), "2027-03-02")
        with freeze_time("2027-03-01 03:00:00"):
            cron()
            self.assertNotIn(document, self._due())
        self.assertFalse(self._activities(document, REVIEW))
        with freeze_time("2027-03-02 03:00:00"):
            cron()
            cron()
            self.assertIn(document, self._due())
            self.assertEqual(self._activities(document, REVIEW).user_id, self.specialist)
            self.assertEqual(len(self._activities(document, REVIEW)), 1)
            for user in (self.clerk, self.custodian, self.other_specialist):
                with self.assertRaises(AccessError):
                    document.with_user(user)._confirm_review("Còn phù hợp.")
            wizard = (
                self.env["moffice.iso.reason"]
                .with_user(self.specialist)
                .create({"document_ids": document.ids, "action": "confirm_review", "reason": "Còn phù hợp."})
            )
            wizard.action_confirm()
            self.assertNotIn(document, self._due())
        self.assertEqual(document.date_last_review.isoformat(), "2027-03-02")
        self.assertEqual(document.date_next_review.isoformat(), "2028-03-02")
        self.assertFalse(self._activities(document, REVIEW))
        self.assertIn("Còn phù hợp.", document.message_ids[0].body)
        with self.assertRaises(AccessError):
            document.with_user(self.specialist).write({"date_last_review": "2030-01-01"})

    def test_a_new_revision_answers_the_review(self):
        cron = self.env["moffice.iso.document"]._cron_review_due
        with freeze_time("2026-03-02 03:00:00"):
            document = self._document(review_interval_months=6)
            self._issued(document)
        with freeze_time("2026-09-03 03:00:00"):
            cron()
            self.assertEqual(len(self._activities(document, REVIEW)), 1)
            revision = self._draft(document)
            self.assertFalse(self._activities(document, REVIEW))
        with freeze_time("2026-09-04 03:00:00"):
            cron()
            self.assertFalse(self._activities(document, REVIEW))
            revision.action_submit()
            revision.with_user(self.leader).action_approve()
            revision.with_user(self.clerk)._issue(revision.env.company._moffice_now().date())
            self.assertNotIn(document, self._due())
        self.assertEqual(document.date_last_review.isoformat(), "2026-09-04")
