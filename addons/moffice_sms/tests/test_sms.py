import json
from unittest.mock import patch

import requests

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.common import MofficeCommon

GATEWAY_REQUEST = "odoo.addons.moffice_sms.models.moffice_sms_gateway.requests.request"
IAP_BATCH = "odoo.addons.sms.models.sms_sms.SmsApi._send_sms_batch"


class FakeResponse:
    def __init__(self, status, text):
        self.status_code, self.text, self.ok = status, text, 200 <= status < 300


@tagged("post_install", "-at_install")
class TestSms(MofficeCommon):
    """SMS (matrix I.9): who may send, through which gateway, what is logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.vn")
        cls.leader = cls.role_users["document_admin"]
        cls.unit = cls.env["hr.department"].create({"name": "Phòng Thử SMS", "moffice_code": "TSMS"})
        cls.reachable = cls.role_users["specialist"]
        cls.env["hr.employee"].create(
            {
                "name": "Chuyên viên",
                "user_id": cls.reachable.id,
                "department_id": cls.unit.id,
                "mobile_phone": "0912 345 678",
            }
        )
        cls.unreachable = cls.role_users["custodian"]
        cls.env["hr.employee"].create({"name": "Lưu trữ", "user_id": cls.unreachable.id, "department_id": cls.unit.id})
        cls.clerk = cls.role_users["clerk"]
        cls.clerk.partner_id.mobile = "0987 654 321"

    def _gateway(self, **values):
        return self.env["moffice.sms.gateway"].create(
            {
                "name": "Nhà cung cấp thử",
                "url": "https://sms.example.vn/send",
                "auth_header": "Authorization",
                "auth_token": "Bearer t0ken",
                "sender": "SKHCN",
                "success_marker": '"code":"00"',
                **values,
            }
        )

    def _sms(self, user, **values):
        return (
            self.env["moffice.sms"]
            .with_user(user)
            .create(
                {
                    "body": 'Họp giao ban lúc 14h00 "thứ Hai"',
                    "department_ids": [(6, 0, self.unit.ids)],
                    "user_ids": [(6, 0, self.clerk.ids)],
                    **values,
                }
            )
        )

    def test_only_leaders_and_the_system_administrator_send_sms(self):
        for role in ("clerk", "custodian", "specialist"):
            with self.assertRaises(AccessError, msg=role):
                self._sms(self.role_users[role])
            with self.assertRaises(AccessError, msg=role):
                self.env["sms.composer"].with_user(self.role_users[role]).create(
                    {"body": "x", "composition_mode": "numbers", "numbers": "+84912345678"}
                )
        for role in ("document_admin", "system_admin"):
            self._sms(self.role_users[role])
            self.env["sms.composer"].with_user(self.role_users[role]).create(
                {"body": "x", "composition_mode": "numbers", "numbers": "+84912345678"}
            )

    def test_the_department_gateway_sends_and_every_sms_is_logged(self):
        self._gateway()
        sms = self._sms(self.leader)
        with patch(GATEWAY_REQUEST, return_value=FakeResponse(200, '{"code":"00"}')) as request:
            sms.with_user(self.leader).action_send()
        self.assertEqual(request.call_count, 2)
        method, url = request.call_args.args
        self.assertEqual((method, url), ("POST", "https://sms.example.vn/send"))
        self.assertEqual(request.call_args.kwargs["headers"], {"Authorization": "Bearer t0ken"})
        payloads = sorted((call.kwargs["json"] for call in request.call_args_list), key=lambda p: p["to"])
        self.assertEqual(
            payloads,
            [
                {"to": "+84912345678", "content": 'Họp giao ban lúc 14h00 "thứ Hai"', "brandname": "SKHCN"},
                {"to": "+84987654321", "content": 'Họp giao ban lúc 14h00 "thứ Hai"', "brandname": "SKHCN"},
            ],
        )
        log = {line.user_id: (line.number, line.state) for line in sms.line_ids}
        self.assertEqual(
            log,
            {
                self.reachable: ("+84912345678", "sent"),
                self.clerk: ("+84987654321", "sent"),
                self.unreachable: (False, "error"),
            },
        )
        self.assertEqual((sms.state, sms.sent_count, sms.failed_count, sms.sender_id), ("done", 2, 1, self.leader))
        with self.assertRaises(UserError):
            sms.with_user(self.leader).action_send()
        with self.assertRaises(AccessError):
            sms.with_user(self.leader).body = "Sửa lại nhật ký"

    def test_a_refusal_or_an_unreachable_gateway_is_logged_as_failed(self):
        self._gateway(method="form")
        sms = self._sms(self.leader, department_ids=[])
        with patch(GATEWAY_REQUEST, return_value=FakeResponse(200, '{"code":"99","error":"balance"}')) as request:
            sms.with_user(self.leader).action_send()
        self.assertIn("data", request.call_args.kwargs)
        self.assertEqual(sms.line_ids.state, "error")
        self.assertIn("balance", sms.line_ids.answer)
        other = self._sms(self.leader, department_ids=[])
        with patch(GATEWAY_REQUEST, side_effect=requests.ConnectionError("no route to host")):
            other.with_user(self.leader).action_send()
        self.assertEqual(other.line_ids.state, "error")
        self.assertIn("no route to host", other.line_ids.answer)

    def test_without_a_gateway_odoo_iap_sends(self):
        sms = self._sms(self.role_users["system_admin"], department_ids=[])

        def accept(api, messages, delivery_reports_url=False):
            return [
                {"uuid": number["uuid"], "state": "success"} for message in messages for number in message["numbers"]
            ]

        with patch(IAP_BATCH, autospec=True, side_effect=accept) as batch, patch(GATEWAY_REQUEST) as request:
            sms.with_user(self.role_users["system_admin"]).action_send()
        self.assertEqual(batch.call_count, 1)
        request.assert_not_called()
        self.assertEqual(sms.line_ids.state, "sent")

    def test_the_payload_template_is_checked(self):
        with self.assertRaisesRegex(ValidationError, "valid JSON"):
            self._gateway(payload="to={number}")
        for payload in ('{"a": "b"}', '{"to": "{number}"}', '{"text": "{message}"}'):
            with self.assertRaisesRegex(ValidationError, "using {number} and {message}"):
                self._gateway(payload=payload)
        gateway = self._gateway(payload='{"phone": "{number}", "text": "{message}", "from": "{sender}"}')
        self.assertEqual(
            gateway._request_params("+84912345678", 'Line 1\nLine "2"'),
            {"phone": "+84912345678", "text": 'Line 1\nLine "2"', "from": "SKHCN"},
        )
        self.assertEqual(json.loads(gateway.payload)["phone"], "{number}")
