from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IsoCommon

ACKNOWLEDGE = "moffice_iso.mail_activity_iso_acknowledge"
# Monday 2 March 2026, 09:00 in Hà Nội (UTC+7).
MONDAY_9 = "2026-03-02 02:00:00"


@tagged("post_install", "-at_install")
class TestIsoDistribution(IsoCommon):
    """At issue, everyone on the distribution acknowledges reading the new revision; the late are reminded once."""

    def test_issue_asks_each_person_and_the_owner_sees_who_has_not_acknowledged(self):
        document = self._document()
        revision = self._issued(document)
        # independently: the staff of the unit and the person named
        expected = (
            self.env["hr.employee"].search([("department_id", "=", self.unit.id)]).user_id | self.other_specialist
        )
        self.assertEqual(revision.acknowledgement_ids.user_id, expected)
        self.assertEqual(self._activities(revision, ACKNOWLEDGE).user_id, expected)
        self.assertEqual(revision.with_user(self.specialist).pending_count, len(expected))

        revision.with_user(self.other_specialist).action_acknowledge()
        line = revision.acknowledgement_ids.filtered(lambda line: line.user_id == self.other_specialist)
        self.assertTrue(line.date_acknowledged)
        self.assertEqual(self._activities(revision, ACKNOWLEDGE).user_id, expected - self.other_specialist)
        owner_view = revision.with_user(self.specialist)
        self.assertEqual(owner_view.pending_count, len(expected) - 1)
        self.assertEqual(
            owner_view.acknowledgement_ids.filtered(lambda line: not line.date_acknowledged).user_id,
            expected - self.other_specialist,
        )
        # not twice, not by someone else, never by hand
        for user in (self.other_specialist, self.leader, self.system_admin):
            with self.assertRaises(AccessError):
                revision.with_user(user).action_acknowledge()
        pending = revision.acknowledgement_ids - line
        for user in (*expected, self.leader):
            with self.assertRaises(AccessError):
                pending[:1].with_user(user).write({"date_acknowledged": fields.Datetime.now()})
            with self.assertRaises(AccessError):
                self.env["moffice.iso.acknowledgement"].with_user(user).create(
                    {"revision_id": revision.id, "user_id": self.leader.id}
                )
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
        self.assertFalse(pending.filtered("date_acknowledged"))

    def test_reminder_after_the_working_days_configured(self):
        self.env.company.moffice_iso_reminder_days = 2
        with freeze_time(MONDAY_9):
            revision = self._issued(self._document())
            revision.with_user(self.clerk).action_acknowledge()
        cron = self.env["moffice.iso.revision"]._cron_remind_acknowledgements
        # two working days after Monday 09:00: Wednesday 09:00
        with freeze_time("2026-03-04 01:30:00"):
            cron()
        self.assertFalse(revision.acknowledgement_ids.filtered("date_reminded"))
        messages = self.env["mail.message"].search_count([("model", "=", revision._name), ("res_id", "=", revision.id)])
        with freeze_time("2026-03-04 03:00:00"):
            cron()
        reminded = revision.acknowledgement_ids.filtered("date_reminded")
        self.assertEqual(reminded, revision.acknowledgement_ids.filtered(lambda line: not line.date_acknowledged))
        self.assertNotIn(self.clerk, reminded.user_id)
        notice = self.env["mail.message"].search(
            [("model", "=", revision._name), ("res_id", "=", revision.id)], order="id desc", limit=1
        )
        self.assertEqual(
            self.env["mail.message"].search_count([("model", "=", revision._name), ("res_id", "=", revision.id)]),
            messages + 1,
        )
        self.assertEqual(notice.partner_ids, reminded.user_id.partner_id)
        # once
        with freeze_time("2026-03-06 03:00:00"):
            cron()
        self.assertEqual(
            self.env["mail.message"].search_count([("model", "=", revision._name), ("res_id", "=", revision.id)]),
            messages + 1,
        )
        # nobody reminds by hand
        for user in self.role_users.values():
            with self.assertRaises(AccessError):
                revision.with_user(user)._remind(revision.acknowledgement_ids)

    def test_no_reminder_when_set_to_zero(self):
        self.env.company.moffice_iso_reminder_days = 0
        with freeze_time(MONDAY_9):
            revision = self._issued(self._document())
        with freeze_time("2026-04-01 03:00:00"):
            self.env["moffice.iso.revision"]._cron_remind_acknowledgements()
        self.assertFalse(revision.acknowledgement_ids.filtered("date_reminded"))
