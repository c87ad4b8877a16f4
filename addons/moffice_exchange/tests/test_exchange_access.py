from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.flow_attack import FlowAttackMixin

from .common import ExchangeCommon, FakeResponse

POST = "odoo.addons.moffice_exchange.models.moffice_exchange_message.requests.post"


@tagged("post_install", "-at_install")
class TestExchangeAccess(ExchangeCommon):
    """The catalog per the matrix (III.1: everyone reads, the system
    administrator edits); the journal for the system administrator only;
    deliveries with their document, written by the exchange alone."""

    def test_partner_catalog(self):
        for role, user in self.role_users.items():
            catalog = self.env["moffice.exchange.partner"].with_user(user)
            self.assertEqual(catalog.search([("id", "=", self.peer.id)]), self.peer, role)
            values = {
                "name": "Sở Xây dựng",
                "organ_id": f"000.00.1{len(role)}.H42",
                "partner_id": self.issuer.id,
                "endpoint_url": "https://sxd.example.gov.vn/moffice/exchange/v1/package",
                "active": False,
            }
            if role == "system_admin":
                created = catalog.create(values)
                self.peer.with_user(user).write({"endpoint_url": "https://stc.example.gov.vn/x"})
                created.unlink()
                continue
            with self.assertRaises(AccessError, msg=role):
                catalog.create(values)
            with self.assertRaises(AccessError, msg=role):
                self.peer.with_user(user).write({"endpoint_url": "https://evil.example/x"})
            with self.assertRaises(AccessError, msg=role):
                self.peer.with_user(user).unlink()
        self.assertEqual(self.peer.endpoint_url, "https://stc.example.gov.vn/x")

    def test_journal_for_the_system_administrator_only(self):
        self._post(self._package(), organ="000.00.99.H99")
        journal = self.Message.search([], limit=1)  # a refusal
        self.assertTrue(journal)
        for role, user in self.role_users.items():
            if role == "system_admin":
                self.assertEqual(self.Message.with_user(user).search([("id", "=", journal.id)]), journal)
                with self.assertRaises(UserError):
                    journal.with_user(user).write({"result": "xoá dấu vết"})
                with self.assertRaises(UserError):
                    journal.with_user(user).unlink()
                with self.assertRaises(UserError):
                    self.Message.with_user(user).create(
                        {"direction": "in", "message_type": "package", "message_uuid": "x", "state": "received"}
                    )
                continue
            with self.assertRaises(AccessError, msg=role):
                self.Message.with_user(user).search([])
            with self.assertRaises(AccessError, msg=role):
                journal.with_user(user).read(["result"])

    def test_deliveries_follow_their_document(self):
        document = self._released()
        with patch(POST, return_value=FakeResponse(200, {"ok": True, "status": "01"})):
            self.Message._cron_deliver()
        delivery = document.exchange_delivery_ids
        self.assertEqual(delivery.with_user(self.clerk).status_code, "01")
        self.assertEqual(delivery.with_user(self.specialist).status_ids.code, "01")  # the drafter reads it
        self.assertFalse(self.env["moffice.exchange.delivery"].with_user(self.other_specialist).search([]))
        for user in (self.clerk, self.leader, self.role_users["system_admin"]):
            with self.assertRaises(AccessError):
                delivery.with_user(user).write({"status_code": "06"})
            with self.assertRaises(AccessError):
                delivery.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["moffice.exchange.status"].with_user(user).create(
                    {"delivery_id": delivery.id, "code": "06", "date": "2026-11-25 00:00:00"}
                )
        with self.assertRaises(AccessError):
            document.with_user(self.clerk).write({"signature_status": "valid"})
        with self.assertRaises(AccessError):
            document.with_user(self.clerk).write({"exchange_partner_id": self.peer.id})


@tagged("post_install", "-at_install")
class TestMessageFlowIntegrity(FlowAttackMixin, ExchangeCommon):
    """The outbox: only the exchange moves a message; the system administrator retries."""

    flow_model = "moffice.exchange.message"

    def flow_create_values(self, kind):
        return {"direction": "out", "message_type": "status", "message_uuid": "x", "partner_system_id": self.peer.id}

    def flow_new(self, kind):
        return self.Message._queue(self.peer, "status", self._exchanged(), b"<x/>", status_code="03")

    def flow_relation_user(self, record, relation):
        return None

    def flow_calls(self):
        return {
            "deliver": lambda message: message._flow_step("deliver"),
            "postpone": lambda message: message._flow_step("postpone"),
            "fail": lambda message: message._flow_step("fail"),
            "retry": lambda message: message.action_retry(),
        }
