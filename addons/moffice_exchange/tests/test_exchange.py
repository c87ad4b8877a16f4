import base64
import json
from datetime import timedelta
from unittest.mock import patch

import requests
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.moffice_documents.models.roles import CLERK
from odoo.addons.moffice_signature.tools.certificate_authority import make_certificate

from ..models.moffice_exchange_message import HEADER_ID, HEADER_ORGAN, HEADER_SIGNATURE, HEADER_TIMESTAMP, signed_data
from ..tools import edxml
from .common import PEER_ORGAN, XML_BOMB, XXE_PAYLOAD, ExchangeCommon, FakeResponse

POST = "odoo.addons.moffice_exchange.models.moffice_exchange_message.requests.post"


@tagged("post_install", "-at_install")
class TestSending(ExchangeCommon):
    """A released document goes to each recipient's system through the outbox."""

    def test_release_queues_a_signed_package_per_partner_system(self):
        other = self.env["res.partner"].create({"name": "UBND huyện", "is_company": True, "email": "h@example.com"})
        document = self._outgoing_draft(
            attachment_ids=[(6, 0, self._real_pdf().ids)], recipient_ids=[(6, 0, (self.recipient | other).ids)]
        )
        document.with_user(self.specialist).action_submit()
        document.with_user(self.leader).action_approve()
        with patch(POST) as post:
            document.with_user(self.clerk).action_release()
            post.assert_not_called()  # never in the clerk's request
        delivery = document.sudo().exchange_delivery_ids
        self.assertEqual(delivery.partner_system_id, self.peer)
        self.assertEqual(delivery.transport_state, "queued")
        # e-mail only to the recipient without a system
        mail = self.env["mail.message"].search(
            [("model", "=", document._name), ("res_id", "=", document.id), ("body", "ilike", "Released as")]
        )
        self.assertEqual(mail.partner_ids, other)

        with patch(POST, return_value=FakeResponse(200, {"ok": True, "status": "01"})) as post:
            self.Message._cron_deliver()
        self.assertEqual(post.call_count, 1)
        body, headers = post.call_args.kwargs["data"], post.call_args.kwargs["headers"]
        self.assertEqual(post.call_args.args[0], self.peer.endpoint_url)
        self.assertTrue(post.call_args.kwargs["timeout"])
        # signed by our agency over the headers and the exact body
        self.assertTrue(
            self.Service.verify_bytes(
                self.Service.agency_certificate_pem(),
                signed_data(headers[HEADER_ORGAN], headers[HEADER_ID], headers[HEADER_TIMESTAMP], body),
                base64.b64decode(headers[HEADER_SIGNATURE]),
            )
        )
        package = edxml.parse(body)
        self.assertEqual(package["from"], self.own)
        self.assertEqual(package["to"]["organ_id"], PEER_ORGAN)
        self.assertEqual(package["document_id"], delivery.document_uuid)
        self.assertEqual(package["identifier_code"], document.identifier_code)
        self.assertEqual("/".join([package["code_number"], package["code_notation"]]), document.reference)
        self.assertEqual(package["subject"], document.summary)
        self.assertEqual(package["signer_name"], document.signer_name)
        pdf = package["attachments"][0]["content"]
        self.assertEqual(pdf, document.sudo().attachment_ids.raw, "the file as released, signed at release")
        self.assertEqual(self.Service.verify_pdf(pdf)["status"], "valid")
        self.assertEqual(delivery.transport_state, "sent")
        self.assertEqual(delivery.status_code, edxml.RECEIVED)
        self.assertEqual(delivery.status_ids.mapped("code"), [edxml.RECEIVED])
        journal = delivery.message_id
        self.assertEqual(journal.payload_sha256, self._sha(body))
        self.assertEqual(journal.user_id, self.clerk)

    def test_internal_document_addressed_outside_is_sent_too(self):
        document = self._outgoing_draft(target_kind="internal", attachment_ids=[(6, 0, self._real_pdf().ids)])
        document.with_user(self.specialist).action_submit()
        document.with_user(self.leader).action_approve()
        self.assertEqual(document.kind, "internal")
        document.with_user(self.clerk).action_release()
        self.assertEqual(document.sudo().exchange_delivery_ids.partner_system_id, self.peer)

    def test_no_package_for_an_inactive_system(self):
        self.peer.active = False
        document = self._released()
        self.assertFalse(document.sudo().exchange_delivery_ids)
        mail = self.env["mail.message"].search(
            [("model", "=", document._name), ("res_id", "=", document.id), ("body", "ilike", "Released as")]
        )
        self.assertEqual(mail.partner_ids, self.recipient, "e-mailed as before")

    def test_backoff_then_failed_then_retry(self):
        self.env["ir.config_parameter"].sudo().set_param("moffice_exchange.max_tries", "4")
        # now, within the validity of the certificates made for the test
        start = fields.Datetime.now().replace(microsecond=0)
        with freeze_time(start):
            document = self._released()
        delivery = document.sudo().exchange_delivery_ids
        message = delivery.message_id
        expected = [start + timedelta(seconds=60), start + timedelta(seconds=180), start + timedelta(seconds=420)]
        now = start
        for tries, next_try in enumerate(expected, start=1):
            with freeze_time(now), patch(POST, side_effect=requests.ConnectionError("refused")) as post:
                self.Message._cron_deliver()
                self.assertEqual(post.call_count, 1)
            self.assertEqual((message.state, message.tries), ("queued", tries))
            self.assertEqual(message.date_next_try, next_try)
            with freeze_time(next_try - timedelta(seconds=1)), patch(POST) as post:
                self.Message._cron_deliver()  # not due yet
                post.assert_not_called()
            now = next_try
        with freeze_time(now), patch(POST, side_effect=requests.ConnectionError("refused")):
            self.Message._cron_deliver()
        self.assertEqual((message.state, message.tries, delivery.transport_state), ("failed", 4, "failed"))
        self.assertIn("refused", message.result)
        activity = document.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref("moffice_exchange.mail_activity_exchange_failed")
        )
        self.assertEqual(activity.user_id, self.env.company._moffice_users(CLERK))
        self.assertIn(self.clerk, activity.user_id)

        with self.assertRaises(AccessError):
            delivery.with_user(self.specialist).action_retry()
        self.assertEqual(message.state, "failed")
        delivery.with_user(self.clerk).action_retry()
        self.assertEqual((message.state, message.tries), ("queued", 0))
        with patch(POST, return_value=FakeResponse(200, {"ok": True, "status": "01"})):
            self.Message._cron_deliver()
        self.assertEqual((delivery.transport_state, delivery.status_code), ("sent", edxml.RECEIVED))

    def test_refusal_by_the_partner_fails_at_once(self):
        document = self._released()
        answer = {"ok": False, "code": "bad_signature", "message": "The signature does not verify"}
        with patch(POST, return_value=FakeResponse(401, answer)):
            self.Message._cron_deliver()
        message = document.sudo().exchange_delivery_ids.message_id
        self.assertEqual((message.state, message.tries), ("failed", 1))
        self.assertIn("bad_signature", message.result)

    def test_without_a_certificate_the_package_fails_with_the_reason(self):
        document = self._released()
        self.agency.with_user(self.system_admin).active = False
        with patch(POST) as post:
            self.Message._cron_deliver()
            post.assert_not_called()
        message = document.sudo().exchange_delivery_ids.message_id
        self.assertEqual(message.state, "failed")
        self.assertIn("certificate", message.result)

    def test_server_error_is_retried(self):
        document = self._released()
        with patch(POST, return_value=FakeResponse(503, {})):
            self.Message._cron_deliver()
        message = document.sudo().exchange_delivery_ids.message_id
        self.assertEqual((message.state, message.tries), ("queued", 1))

    def test_statuses_come_back_in_order_with_history(self):
        document = self._released()
        with patch(POST, return_value=FakeResponse(200, {"ok": True, "status": "01"})):
            self.Message._cron_deliver()
        delivery = document.exchange_delivery_ids
        self.assertFalse(
            self.Document.search([("id", "=", document.id), ("exchange_is_pending", "=", True)]) - document
        )
        for code in (edxml.ACCEPTED, edxml.ASSIGNED, edxml.IN_PROGRESS, edxml.DONE):
            status, answer = self._post(self._status(delivery.document_uuid, code))
            self.assertEqual(status, 200, answer)
            self.assertEqual(delivery.status_code, code)
        self.assertEqual(delivery.status_ids.mapped("code"), ["01", "03", "04", "05", "06"])
        pending = self.Document.search([("exchange_is_pending", "=", True)])
        self.assertNotIn(document, pending)
        self._post(self._status(delivery.document_uuid, edxml.REJECTED, "Sai thẩm quyền"))
        self.assertEqual((delivery.status_code, delivery.status_note), ("02", "Sai thẩm quyền"))
        self.assertIn(document, self.Document.search([("exchange_is_pending", "=", True)]))

    def test_recall_tells_each_receiver(self):
        document = self._released()
        with patch(POST, return_value=FakeResponse(200, {"ok": True, "status": "01"})):
            self.Message._cron_deliver()
        document.with_user(self.leader)._recall("Sai sót số liệu")
        self.assertEqual(document.state, "recalled")
        recall = self._outbox(document, edxml.RECALL)
        self.assertEqual(recall.partner_system_id, self.peer)
        status = edxml.parse(base64.b64decode(recall.payload))
        self.assertEqual(
            (status["document_id"], status["description"]),
            (document.exchange_delivery_ids.document_uuid, "Sai sót số liệu"),
        )
        self._post(self._status(document.exchange_delivery_ids.document_uuid, edxml.RECALL_ACCEPTED, "Đã thu hồi"))
        self.assertEqual(document.exchange_delivery_ids.status_code, edxml.RECALL_ACCEPTED)

    def test_recall_before_delivery_stops_the_package(self):
        document = self._released()
        document.with_user(self.leader)._recall("Sai sót")
        self.assertEqual(document.exchange_delivery_ids.transport_state, "failed")
        self.assertFalse(self._outbox(document, edxml.RECALL))
        with patch(POST) as post:
            self.Message._cron_deliver()
            post.assert_not_called()


@tagged("post_install", "-at_install")
class TestReceiving(ExchangeCommon):
    """A package from a partner system becomes an incoming draft, once."""

    def test_package_becomes_an_incoming_draft(self):
        pdf = self._signed_pdf()
        body = self._package(
            attachments=[
                {"name": "45-STC-NS.pdf", "mimetype": "application/pdf", "content": pdf},
                {"name": "phu-luc.txt", "mimetype": "text/plain", "content": "Phụ lục".encode()},
            ]
        )
        status, answer = self._post(body)
        self.assertEqual((status, answer["ok"], answer["status"]), (200, True, edxml.RECEIVED))
        document = self.Document.search([("exchange_partner_id", "=", self.peer.id)])
        self.assertEqual(len(document), 1)
        self.assertRecordValues(
            document,
            [
                {
                    "kind": "incoming",
                    "state": "draft",
                    "channel": "exchange",
                    "summary": "V/v thẩm định dự toán kinh phí năm 2027",
                    "reference": "45/STC-NS",
                    "identifier_code": f"{PEER_ORGAN}.2026.45/STC-NS",
                    "issuer_id": self.recipient.id,
                    "signer_name": "Trần Văn Tài",
                    "signer_title": "Giám đốc",
                    "urgency": "urgent",
                    "copy_count": 2,
                    "page_count": 1,
                    "signature_status": "valid",
                }
            ],
        )
        self.assertEqual(str(document.date_document), "2026-11-20")
        self.assertEqual(str(document.date_deadline), "2026-12-05")
        self.assertEqual(document.document_type_id.name, "Công văn")
        self.assertEqual(sorted(document.attachment_ids.mapped("raw")), sorted([pdf, "Phụ lục".encode()]))
        activity = document.activity_ids.filtered(
            lambda activity: (
                activity.activity_type_id == self.env.ref("moffice_exchange.mail_activity_exchange_arrived")
            )
        )
        self.assertEqual(activity.user_id, self.env.company._moffice_users(CLERK))
        self.assertIn(self.clerk, activity.user_id)
        journal = self.Message.search([("direction", "=", "in"), ("document_id", "=", document.id)])
        self.assertEqual((journal.state, journal.payload_sha256), ("received", self._sha(body)))

    def test_duplicate_delivery_creates_one_document(self):
        body = self._package()
        headers = self._headers(body)
        first = self.Message._receive(headers, body)
        again = self.Message._receive(self._headers(body, message_id=headers[HEADER_ID]), body)
        self.assertEqual(first, again)
        self.assertEqual(self.Document.search_count([("exchange_partner_id", "=", self.peer.id)]), 1)

    def _assert_refused(self, code, body=None, **options):
        body = body if body is not None else self._package()
        before = self.Document.search_count([])
        status, answer = self._post(body, **options)
        self.assertEqual((answer["ok"], answer["code"]), (False, code), answer)
        self.assertGreaterEqual(status, 400)
        self.assertTrue(answer["message"] and answer["message_vi"])
        self.assertEqual(self.Document.search_count([]), before, "nothing created")
        journal = self.Message.search([("direction", "=", "in")], limit=1)
        self.assertEqual((journal.state, journal.refusal_code), ("refused", code))
        self.assertEqual(journal.payload_sha256, self._sha(body))
        return answer

    def test_refusals(self):
        other_key, _other_cert = make_certificate("Kẻ mạo danh")
        body = self._package()
        self._assert_refused("unknown_sender", organ="000.00.99.H99")
        self._assert_refused("bad_signature", key=other_key)
        self._assert_refused("bad_signature", body=body.replace(b"2027", b"2028"), signed_body=body)
        self._assert_refused("expired", moment=fields.Datetime.now() - timedelta(minutes=11))
        self._assert_refused("expired", moment=fields.Datetime.now() + timedelta(minutes=11))
        self._assert_refused("hostile_xml", body=XML_BOMB)
        self._assert_refused("hostile_xml", body=XXE_PAYLOAD)
        self._assert_refused("malformed_xml", body=b"<edXML:edXMLEnvelope")
        self._assert_refused("misaddressed", body=self._package(to={"organ_id": "X", "organ_name": "X"}))
        self.peer.active = False
        self._assert_refused("unknown_sender")

    def test_unsigned_message_is_refused(self):
        body = self._package()
        before = self.Document.search_count([])
        status, answer = self.Message._receive({HEADER_ORGAN: PEER_ORGAN}, body)
        self.assertEqual((status, answer["code"]), (401, "unsigned"))
        self.assertEqual(self.Document.search_count([]), before)

    def test_replayed_message_is_refused(self):
        body = self._package()
        headers = self._headers(body)
        self.assertEqual(self.Message._receive(headers, body)[0], 200)
        self._assert_refused("replayed", body=self._package(), message_id=headers[HEADER_ID])

    def test_tampered_pdf_is_refused(self):
        pdf = self._signed_pdf()
        tampered = pdf.replace(b"45/STC-NS", b"46/STC-NS")
        self.assertNotEqual(pdf, tampered)
        answer = self._assert_refused(
            "signature_invalid",
            body=self._package(attachments=[{"name": "cv.pdf", "mimetype": "application/pdf", "content": tampered}]),
        )
        self.assertIn("cv.pdf", answer["detail"])


@tagged("post_install", "-at_install")
class TestStatusesFromTheFlow(ExchangeCommon):
    """The receiver's flow answers the sender: each step its status, once."""

    def _codes(self, document):
        return self._outbox(document).sorted("id").mapped("status_code")

    def test_register_route_handle(self):
        document = self._exchanged()
        document.with_user(self.clerk).write({"department_id": self.unit.id, "leader_id": self.leader.id})
        document.with_user(self.clerk).action_register()
        self.assertEqual(self._codes(document), ["03"])
        document.with_user(self.clerk).action_submit()
        document.with_user(self.leader)._route({"direction": "Giao phòng xử lý", "lead_user_id": self.specialist.id})
        self.assertEqual(self._codes(document), ["03", "04"])
        document.with_user(self.leader)._route({"direction": "Giao lại", "lead_user_id": self.specialist.id})
        self.assertEqual(self._codes(document), ["03", "04"], "told once")
        note = self.Document.with_user(self.specialist).create(
            {"kind": "note", "summary": "Đề xuất xử lý", "parent_id": document.id}
        )
        note.action_issue()
        self.assertEqual(self._codes(document), ["03", "04", "05"])
        document.with_user(self.specialist)._mark_done("Đã trả lời bằng công văn 30/STN")
        self.assertEqual(self._codes(document), ["03", "04", "05", "06"])
        done = self._outbox(document, edxml.DONE)
        status = edxml.parse(base64.b64decode(done.payload))
        self.assertEqual(status["document_id"], document.exchange_document_uuid)
        self.assertEqual(status["to"]["organ_id"], PEER_ORGAN)
        self.assertEqual(status["description"], "Đã trả lời bằng công văn 30/STN")

    def test_done_without_note_tells_in_progress_first(self):
        document = self._exchanged()
        document.with_user(self.clerk).write({"leader_id": self.leader.id})
        document.with_user(self.clerk).action_register()
        document.with_user(self.clerk).action_submit()
        document.with_user(self.leader)._route({"direction": "Xử lý", "lead_user_id": self.specialist.id})
        document.with_user(self.specialist)._mark_done("Xong")
        self.assertEqual(self._codes(document), ["03", "04", "05", "06"])

    def test_return_to_sender(self):
        document = self._exchanged()
        with self.assertRaises(AccessError):
            document.with_user(self.specialist)._return_to_sender("Sai")
        document.with_user(self.clerk)._return_to_sender("Gửi nhầm cơ quan")
        self.assertEqual(document.state, "cancelled")
        rejected = self._outbox(document, edxml.REJECTED)
        self.assertEqual(rejected.description, "Gửi nhầm cơ quan")
        self.assertEqual(rejected.state, "queued")

    def test_recall_withdraws_the_incoming_document(self):
        document = self._exchanged()
        document.with_user(self.clerk).action_register()
        status, answer = self._post(self._status(document.exchange_document_uuid, edxml.RECALL, "Văn bản sai sót"))
        self.assertEqual(status, 200, answer)
        self.assertEqual(document.state, "withdrawn")
        self.assertEqual(document.recall_reason, "Văn bản sai sót")
        self.assertEqual(document.summary, "V/v thẩm định dự toán kinh phí năm 2027", "metadata kept")
        answer = self._outbox(document, edxml.RECALL_ACCEPTED)
        self.assertEqual(answer.partner_system_id, self.peer)

    def test_recall_of_a_draft_cancels_it(self):
        document = self._exchanged()
        self._post(self._status(document.exchange_document_uuid, edxml.RECALL, "Sai"))
        self.assertEqual(document.state, "cancelled")
        self.assertTrue(self._outbox(document, edxml.RECALL_ACCEPTED))

    def test_status_about_an_unknown_document_is_refused(self):
        status, answer = self._post(self._status(edxml.new_id(), edxml.ACCEPTED))
        self.assertEqual((status, answer["code"]), (404, "unknown_document"))

    def test_answer_is_json_in_both_languages(self):
        status, answer = self._post(self._package(), organ="000.00.99.H99")
        self.assertEqual(status, 403)
        self.assertNotEqual(answer["message"], answer["message_vi"])
        json.dumps(answer)
