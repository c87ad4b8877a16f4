import json
from unittest.mock import patch

import odoo
from odoo.tests import tagged

from .common import MofficeDocumentCommon

KEYS = json.dumps(
    {
        "p256dh": "BGbhnoP_91U7oR59BaaSx0JnDv2oEooYnJRV2AbY5TBeKGCRCf0HcIJ9bOKchUCDH4cHYWo9SYDz3U-8vSxPL_A",
        "auth": "DJFdtAgZwrT6yYkUMgUqow",
    }
)


@tagged("post_install", "-at_install")
@patch.object(odoo.addons.mail.models.mail_thread, "push_to_end_point")
class TestNotifications(MofficeDocumentCommon):
    """What needs a person's action reaches their phone (web push) or their
    mailbox, as they chose; urgent items at once, the rest in a digest if
    they asked for one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mail.push.device"].get_web_push_vapid_public_key()
        cls.env["mail.push.device"].sudo().create(
            {
                "endpoint": "https://push.example.com/specialist",
                "keys": KEYS,
                "partner_id": cls.specialist.partner_id.id,
            }
        )
        cls.specialist.notification_type = "inbox"

    def _pushes(self, push):
        """What the specialist's phone received, as text."""
        return "\n".join(
            json.dumps(json.loads(call.kwargs["payload"]), ensure_ascii=False) for call in push.call_args_list
        )

    def _routed_to_specialist(self, reference, **values):
        document = self._incoming(reference=reference, **values)
        document.action_register()
        document.action_submit()
        document.with_user(self.leader)._route(
            {"direction": "Giao chuyên viên xử lý.", "lead_user_id": self.specialist.id, "date_deadline": "2026-12-31"}
        )
        return document

    def _emails_to_specialist(self):
        return self.env["mail.notification"].search(
            [("res_partner_id", "=", self.specialist.partner_id.id), ("notification_type", "=", "email")]
        )

    def test_routed_document_reaches_the_phone(self, push):
        document = self._routed_to_specialist("12/UBND-KT")
        pushed = [json.loads(call.kwargs["payload"]) for call in push.call_args_list]
        asked = [
            payload
            for payload in pushed
            if "assigned you" in payload["options"]["body"]
            and payload["options"]["data"] == {"model": "moffice.document", "res_id": document.id}
        ]
        self.assertEqual(len(asked), 1, "the activity asking to handle it")
        self.assertIn(document.display_name, asked[0]["title"])
        self.assertFalse(self._emails_to_specialist())

    def test_email_when_chosen(self, push):
        self.specialist.notification_type = "email"
        self._routed_to_specialist("13/UBND-KT")
        push.assert_not_called()
        self.assertTrue(self._emails_to_specialist())

    def test_digest_groups_the_ordinary_and_never_the_urgent(self, push):
        self.specialist.with_user(self.specialist).write({"moffice_notification_digest": True})
        ordinary = self._routed_to_specialist("14/UBND-KT")
        push.assert_not_called()
        self.assertTrue(ordinary.activity_ids.filtered(lambda activity: activity.user_id == self.specialist))
        urgent = self._routed_to_specialist("15/UBND-KT", urgency="flash")
        self.assertIn(urgent.display_name, self._pushes(push), "urgent: at once")
        push.reset_mock()
        self.env["res.users"]._cron_moffice_digest()
        self.assertEqual(push.call_count, 1, "one digest")
        self.assertIn(ordinary.display_name, self._pushes(push))
        push.reset_mock()
        self.env["res.users"]._cron_moffice_digest()
        push.assert_not_called()

    def test_each_person_sets_only_their_own_preference(self, push):
        self.specialist.with_user(self.specialist).write({"moffice_notification_digest": True})
        self.assertTrue(self.specialist.moffice_notification_digest)
        with self.assertRaises(odoo.exceptions.AccessError):
            self.clerk.with_user(self.specialist).write({"moffice_notification_digest": True})
