"""Bad input to documents over HTTP, as the roles send it (docs/bad-input.md)."""

import http.client
import io
import itertools
import select
import socket
import time
import unicodedata
import zipfile
import zlib
from datetime import timedelta

from odoo import fields
from odoo.http import Request
from odoo.tests import tagged
from odoo.tests.common import HOST

from .bad_input import (
    BY_HAND,
    DATE_ERROR,
    EMPTY_ERROR,
    LENGTH_ERROR,
    MISSING,
    NOT_NOW,
    NUMBER_ERROR,
    SCRIPT,
    TYPE_ERROR,
    BadInputCommon,
    translated,
)

SUMMARY = "V/v báo cáo tình hình thực hiện nhiệm vụ"
PROGRAM = "%(file)s is a program, not a document: programs cannot be attached to documents."
NOT_PDF = "%(file)s is named as a PDF but is not one: save it again as PDF, or attach it under its real name."
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060"
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program cannot be run in DOS mode."
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_file(objects):
    """A PDF of ``objects`` (bytes of each object's body, numbered from 1)."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def page_pdf(media_box=b"0 0 595 842", contents=None):
    """One page; ``contents`` (bytes) its content stream, Flate-compressed."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [%s]%s >>" % (media_box, b" /Contents 4 0 R" if contents else b"")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page]
    if contents:
        stream = zlib.compress(contents, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream))
    return pdf_file(objects)


def pdf_bomb():
    """A 200 KB PDF whose page inflates to 200 MB of spaces."""
    return page_pdf(contents=b" " * (200 * 1024 * 1024))


def zip_bomb():
    """A 200 KB Word file whose text inflates to 200 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"<w:p>" + b"A" * (1024 * 1024 - 5)
            for _index in range(200):
                member.write(chunk)
    return buffer.getvalue()


def nfd(text):
    return unicodedata.normalize("NFD", text)


@tagged("post_install", "-at_install")
class TestDocumentBadInput(BadInputCommon):
    """Every case of docs/bad-input.md about documents, their files and searches."""

    def _incoming_values(self, **values):
        return {
            "kind": "incoming",
            "summary": SUMMARY,
            "issuer_id": self.issuer.id,
            "reference": "101/UBND-VX",
            "date_document": "2026-11-20",
            "document_type_id": self.letter_type.id,
            "leader_id": self.leader.id,
            **values,
        }

    def _registered(self, **values):
        document = self._incoming(**values)
        document.action_register()
        return document

    def _submitted(self, **values):
        document = self._registered(**values)
        document.action_submit()
        return document

    def _approved(self):
        draft = self._outgoing_draft()
        draft.with_user(self.specialist).action_submit()
        draft.with_user(self.leader).action_approve()
        return draft

    def _saved_file(self, case, name, data):
        """The file ``data`` uploaded as ``name`` and saved with a new incoming document."""
        uploaded = self.upload(self.clerk, name, data)
        document_id, failure = self.rpc(
            self.clerk,
            "moffice.document",
            "create",
            self._incoming_values(reference=f"{case}/UBND", attachment_ids=[(6, 0, [uploaded["id"]])]),
        )
        self.assertIsNone(failure)
        return self.env["moffice.document"].browse(document_id).attachment_ids

    def _refused_creation(self, user, values, source, error="odoo.exceptions."):
        before = self.snapshot()
        self.assertRefused(self.rpc(user, "moffice.document", "create", values), source, error)
        self.assertEqual(self.snapshot(), before, "a refused creation left something behind")

    # -- wrong types ---------------------------------------------------------------
    def test_wrong_types(self):
        """What no form sends: a refusal naming the field, nothing created."""
        cases = {
            "W01": {"summary": ["V/v", "báo cáo"]},
            "W02": {"page_count": "ba trang"},
            "W03": {"urgency": "rất gấp"},
            "W04": {"issuer_id": "UBND tỉnh"},
            "W05": {"date_document": 20261120},
            "W06": {"attachment_ids": "scan.pdf"},
            "W07": {"confidentiality": 3},
            "W08": {"date_document": "hôm qua"},
        }
        for case, values in cases.items():
            with self.subTest(case=case):
                self._refused_creation(
                    self.clerk, self._incoming_values(**values), TYPE_ERROR, "odoo.exceptions.ValidationError"
                )
        with self.subTest(case="W09"):
            self._refused_creation(
                self.clerk,
                self._incoming_values(so_den=12),
                "%(model)s has no field %(field)s.",
                "odoo.exceptions.ValidationError",
            )
        with self.subTest(case="W10"):
            # Digits as text are a number: what Odoo has always accepted.
            document_id, failure = self.rpc(
                self.clerk, "moffice.document", "create", self._incoming_values(copy_count="2")
            )
            self.assertIsNone(failure)
            self.assertEqual(self.env["moffice.document"].browse(document_id).copy_count, 2)

    def test_unknown_record(self):
        """W11: a record that does not exist (deleted meanwhile, or made up)."""
        self._refused_creation(
            self.clerk, self._incoming_values(issuer_id=999_999_999), MISSING, "odoo.exceptions.ValidationError"
        )

    # -- over-long and empty values ----------------------------------------------------
    def test_long_and_empty_values(self):
        """The data standard's lengths, and the required summary, with a clear message."""
        cases = {
            "L01": ({"summary": "Đ" * 501}, LENGTH_ERROR),
            "L02": ({"summary": "trích yếu " * 100_000}, LENGTH_ERROR),
            "L03": ({"reference": "1/" + "UBND-VX" * 6}, LENGTH_ERROR),
            "L04": ({"signer_name": "Nguyễn Văn " * 5}, LENGTH_ERROR),
            "L05": ({"notes": "Ghi chú " * 70}, LENGTH_ERROR),
            "L06": ({"page_count": 1000}, NUMBER_ERROR),
            "L07": ({"copy_count": -1}, NUMBER_ERROR),
            "L08": ({"summary": ""}, EMPTY_ERROR),
            "L09": ({"summary": "   \n\t "}, EMPTY_ERROR),
        }
        for case, (values, source) in cases.items():
            with self.subTest(case=case):
                self._refused_creation(self.clerk, self._incoming_values(**values), source)
        with self.subTest(case="L10"):
            document = self._incoming()
            before = self.snapshot()
            self.assertRefused(
                self.rpc(self.clerk, "moffice.document", "write", [document.id], {"summary": False}), EMPTY_ERROR
            )
            self.assertEqual(self.snapshot(), before)

    # -- Vietnamese text: decomposed, with zero-width characters --------------------------
    def test_vietnamese_text_is_stored_and_searched_clean(self):
        """NFD and zero-width characters are stored NFC without them, and found."""
        plain = "Kiểm định đồng hồ đo nước năm 2026"
        with self.subTest(case="U01"):
            document_id, failure = self.rpc(
                self.clerk, "moffice.document", "create", self._incoming_values(summary=nfd(plain))
            )
            self.assertIsNone(failure)
            self.assertEqual(self.env["moffice.document"].browse(document_id).summary, plain)
        with self.subTest(case="U02"):
            hidden = "Thẩm\u200b định\ufeff đề\u200d tài khoa học"
            document_id, failure = self.rpc(
                self.clerk, "moffice.document", "create", self._incoming_values(summary=hidden, reference="2/UBND-VX")
            )
            self.assertIsNone(failure)
            self.assertEqual(self.env["moffice.document"].browse(document_id).summary, "Thẩm định đề tài khoa học")
        document = self.env["moffice.document"].search([("summary", "=", plain)])
        for case, query in {"U03": nfd("đồng hồ đo nước"), "U04": "đồng\u200b hồ\u200c đo nước"}.items():
            with self.subTest(case=case):
                found, failure = self.rpc(self.clerk, "moffice.document", "search", [("summary", "ilike", query)])
                self.assertIsNone(failure)
                self.assertEqual(found, document.ids)
        with self.subTest(case="U05"):
            found, failure = self.rpc(self.clerk, "moffice.document", "name_search", nfd("Kiểm định đồng hồ"))
            self.assertIsNone(failure)
            self.assertEqual([row[0] for row in found], document.ids)

    def test_duplicates_are_found_whatever_the_encoding(self):
        """U06: the same number and symbol typed with a zero-width space is the same document."""
        self._registered(reference="15/UBND-VX")
        twin = self._incoming(reference="15/UBND\u200b-VX")
        before = self.snapshot()
        self.assertRefused(
            self.rpc(self.clerk, "moffice.document", "action_register", [twin.id]),
            "%(document)s looks already registered: arrival number %(number)s has the same identifier "
            "code, or the same issuer, number and symbol and date. Check it, then confirm with "
            "Register anyway if this is really another document.",
            "odoo.exceptions.UserError",
        )
        self.assertEqual(self.snapshot(), before)

    def test_invisible_summary_is_empty(self):
        """U07: a summary of zero-width characters only is empty."""
        self._refused_creation(self.clerk, self._incoming_values(summary=ZERO_WIDTH), EMPTY_ERROR)

    # -- dates -----------------------------------------------------------------------
    def test_dates_out_of_range(self):
        """Dates that cannot be, or that nobody means, refused before anything is written."""
        cases = {
            "D01": ("10000-01-01", TYPE_ERROR),
            "D02": ("1800-01-01", DATE_ERROR),
            "D03": ("2026-02-30", TYPE_ERROR),
            "D04": ("2999-12-31", DATE_ERROR),
            "D05": ("20/11/2026", TYPE_ERROR),
        }
        for case, (value, source) in cases.items():
            with self.subTest(case=case):
                self._refused_creation(
                    self.clerk, self._incoming_values(date_document=value), source, "odoo.exceptions.ValidationError"
                )

    def _route_over_http(self, document, deadline, user=None):
        wizard_id, failure = self.rpc(
            user or self.leader,
            "moffice.document.route",
            "create",
            {
                "document_ids": [(6, 0, document.ids)],
                "direction": "Giao chuyên viên xử lý.",
                "lead_user_id": self.specialist.id,
                "date_deadline": deadline,
            },
        )
        self.assertIsNone(failure)
        return self.rpc(user or self.leader, "moffice.document.route", "action_route", [wizard_id])

    def test_routing_deadlines(self):
        """A handling deadline centuries ahead is refused; one already past is
        taken as given: the document is late at once, as a task given late is
        locked (Art. 6.2)."""
        today = fields.Date.context_today(self.env["moffice.document"].with_user(self.leader))
        with self.subTest(case="D07"):
            document = self._submitted(reference="D07/UBND-VX")
            before = self.snapshot()
            self.assertRefused(
                self._route_over_http(document, fields.Date.to_string(today.replace(year=today.year + 50))),
                DATE_ERROR,
                "odoo.exceptions.ValidationError",
            )
            self.assertEqual(self.snapshot(), before)
            self.assertEqual(document.state, "submitted")
        for case, deadline, late in (("D06", today - timedelta(days=1), True), ("D08", today, False)):
            with self.subTest(case=case):
                document = self._submitted(reference=f"{case}/UBND-VX")
                _result, failure = self._route_over_http(document, fields.Date.to_string(deadline))
                self.assertIsNone(failure)
                self.assertEqual((document.state, document.date_deadline), ("routed", deadline))
                late_ids, failure = self.rpc(self.leader, "moffice.document", "search", [("is_late", "=", True)])
                self.assertIsNone(failure)
                self.assertEqual(document.id in late_ids, late)

    # -- files ---------------------------------------------------------------------
    def test_upload_larger_than_the_limit(self):
        """F01: a 200 MB upload is refused as soon as it is announced, with a
        clear message (413); the body is streamed a megabyte at a time while
        the server has not answered, as a browser does."""
        size = 200 * 1024 * 1024
        boundary = "moffice-bad-input"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="ufile"; filename="scan-200MB.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        self._login(self.clerk)
        cookies = "; ".join(f"{name}={value}" for name, value in self.opener.cookies.get_dict().items())
        request = (
            "POST /web/binary/upload_attachment?model=moffice.document&id=0 HTTP/1.1\r\n"
            f"Host: {HOST}:{self.http_port()}\r\nCookie: {cookies}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
            f"Content-Length: {len(head) + size + len(tail)}\r\n\r\n"
        ).encode()
        before = self.snapshot()
        started = time.monotonic()
        with socket.create_connection((HOST, self.http_port()), timeout=60) as connection:
            connection.sendall(request)
            chunks = itertools.chain([head], itertools.repeat(b"0" * (1024 * 1024), 200), [tail])
            sent = 0
            while not select.select([connection], [], [], 2 if sent == 0 else 0)[0]:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                connection.sendall(chunk)
                sent += len(chunk)
            response = http.client.HTTPResponse(connection)
            response.begin()
            text = response.read().decode()
        self.assertLess(time.monotonic() - started, 60)
        self.assertEqual(response.status, 413)
        self.assertLess(sent, size, "the server read the whole upload before refusing it")
        self.assertRegex(
            text,
            translated(
                "The file is too large: files up to %(size)s MB can be uploaded. Split it or reduce "
                "its resolution, then upload it again."
            ),
        )
        self.assertIn("128", text)
        self.assertEqual(self.snapshot(), before)
        self.assertHealthy()

    def test_programs_and_false_pdfs(self):
        """A program, whatever its name, and a file named .pdf that is none are
        refused when the document is saved with them; nothing is saved."""
        cases = {
            "F02": ("cong-van.pdf", MZ, PROGRAM),
            "F03": ("scan.pdf", ELF, PROGRAM),
            "F04": ("bao-cao.pdf", b"#!/bin/sh\nrm -rf ~\n", PROGRAM),
            "F05": ("du-toan.docx", MZ, PROGRAM),
            "F06": ("scan.pdf", "Đây không phải PDF".encode(), NOT_PDF),
            "F07": ("scan.pdf", b"", NOT_PDF),
        }
        for case, (name, data, source) in cases.items():
            with self.subTest(case=case):
                uploaded = self.upload(self.clerk, name, data)
                before = self.snapshot()
                self._refused_creation(
                    self.clerk,
                    self._incoming_values(attachment_ids=[(6, 0, [uploaded["id"]])]),
                    source,
                    "odoo.exceptions.UserError",
                )
                self.assertEqual(self.snapshot(), before)
                self.assertFalse(self.env["ir.attachment"].browse(uploaded["id"]).res_id)

    def test_program_in_the_chatter(self):
        """F08: a program sent as a PDF in a registered document's chatter is refused (400, the message)."""
        document = self._registered()
        self._login(self.clerk)
        before = self.snapshot()
        response = self.url_open(
            "/mail/attachment/upload",
            data={
                "thread_id": document.id,
                "thread_model": "moffice.document",
                "csrf_token": Request.csrf_token(self),
            },
            files={"ufile": ("phu-luc.pdf", MZ, "application/pdf")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertRegex(response.text, translated(PROGRAM))
        self.assertEqual(self.snapshot(), before)
        self.assertHealthy()

    def test_path_characters_in_file_names(self):
        """Folders and control characters are dropped from the name; the file
        is stored under its checksum, never at a path the client chose."""
        cases = {
            "F09": ("../../../../etc/passwd.pdf", "passwd.pdf"),
            "F10": ("..\\..\\Windows\\System32\\cong-van.pdf", "cong-van.pdf"),
            "F11": ("scan\x00\x1b[31m.pdf", "scan[31m.pdf"),
            "F12": (nfd("Công văn số 15.pdf"), "Công văn số 15.pdf"),
        }
        for case, (name, stored) in cases.items():
            with self.subTest(case=case):
                attachment = self._saved_file(case, name, PDF)
                self.assertEqual(attachment.name, stored)
                self.assertNotIn("..", attachment.store_fname or "")
                self.assertRegex(attachment.store_fname or "", r"^[0-9a-f]{2}/[0-9a-f]{40}$")

    def test_bombs_given_to_the_indexer(self):
        """A zip bomb and a PDF bomb are kept, not indexed, and the request returns at once."""
        cases = {
            "F13": ("de-an.docx", zip_bomb()),
            "F14": ("phu-luc.pdf", pdf_bomb()),
        }
        for case, (name, data) in cases.items():
            with self.subTest(case=case):
                started = time.monotonic()
                attachment = self._saved_file(case, name, data)
                self.assertLess(time.monotonic() - started, 30)
                self.assertEqual(attachment.index_content, "application")
                self.assertHealthy()

    def test_bombs_given_to_the_ocr(self):
        """A page metres wide and a page of 200 MB are read in bounded time and memory."""
        cases = {
            "F15": page_pdf(media_box=b"0 0 1000000 1000000"),
            "F16": pdf_bomb(),
        }
        for case, data in cases.items():
            with self.subTest(case=case):
                attachment = self._saved_file(case, "scan.pdf", data)
                self.assertIn(attachment.moffice_ocr_state, ("todo", "no_engine"))
                started = time.monotonic()
                attachment._moffice_ocr_read()
                self.assertLess(time.monotonic() - started, 60)
                self.assertIn(attachment.moffice_ocr_state, ("done", "failed"))
                self.assertHealthy()

    def test_unreadable_pdf_is_registered(self):
        """F17: a damaged PDF is registered; its page count is left to the clerk (0)."""
        document = self._incoming()
        damaged = self.upload(self.clerk, "hong.pdf", b"%PDF-1.7\n" + b"\xff\xfe garbage " * 100)
        _result, failure = self.rpc(
            self.clerk, "moffice.document", "write", [document.id], {"attachment_ids": [(6, 0, [damaged["id"]])]}
        )
        self.assertIsNone(failure)
        _result, failure = self.rpc(self.clerk, "moffice.document", "action_register", [document.id])
        self.assertIsNone(failure)
        self.assertEqual((document.state, document.page_count), ("registered", 0))

    # -- HTML and script ------------------------------------------------------------
    def test_script_in_text_is_shown_as_text(self):
        """What people type is shown as they typed it, never run: in the
        handling slip, the release e-mail, the chatter, activities."""
        with self.subTest(case="H01"):
            document = self._registered(summary=f"V/v {SCRIPT}", reference="H01/UBND")
            document.action_submit()
            document.with_user(self.leader)._route(
                {"direction": f"Xử lý {SCRIPT}", "lead_user_id": self.specialist.id, "date_deadline": "2026-12-31"}
            )
            self._login(self.clerk)
            html = self.url_open(f"/report/html/moffice_documents.report_handling_slip/{document.id}").text
            self.assertNotIn("<script>alert", html)
            self.assertIn("&lt;script&gt;alert", html)
        with self.subTest(case="H02"):
            activity = document.sudo().activity_ids.filtered(lambda a: a.user_id == self.specialist)
            self.assertTrue(activity)
            self.assertNotIn("<script", str(activity.note))
        with self.subTest(case="H03"):
            draft = self._outgoing_draft()
            _result, failure = self.rpc(
                self.specialist,
                "moffice.document",
                "write",
                [draft.id],
                {"body": f"<p>Nội dung</p>{SCRIPT}<img src=x onerror=alert(1)>"},
            )
            self.assertIsNone(failure)
            self.assertIn("Nội dung", draft.body)
            self.assertNotIn("<script", draft.body)
            self.assertNotIn("onerror", draft.body)
        with self.subTest(case="H04"):
            self._login(self.clerk)
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "moffice.document",
                    "thread_id": document.id,
                    "post_data": {"body": f"Đã nhận {SCRIPT}", "message_type": "comment"},
                },
            )
            message = document.message_ids.filtered(lambda m: "Đã nhận" in (m.body or ""))
            self.assertTrue(message)
            self.assertNotIn("<script", str(message.body))
        with self.subTest(case="H05"):
            draft = self._outgoing_draft(summary=f"V/v <b onmouseover=alert(1)>gấp</b> {SCRIPT}")
            draft.action_submit()
            draft.with_user(self.leader).action_approve()
            _result, failure = self.rpc(self.clerk, "moffice.document", "action_release", [draft.id])
            self.assertIsNone(failure)
            mails = self.env["mail.mail"].sudo().search([("model", "=", "moffice.document"), ("res_id", "=", draft.id)])
            self.assertTrue(mails)
            for mail in mails:
                self.assertNotIn("<script", str(mail.body_html))
                self.assertNotIn("<b onmouseover", str(mail.body_html))
        with self.subTest(case="H06"):
            submitted = self._submitted(reference="H06/UBND")
            wizard_id, failure = self.rpc(
                self.leader,
                "moffice.document.reason",
                "create",
                {"document_ids": [(6, 0, submitted.ids)], "action": "return", "reason": f"Bổ sung {SCRIPT}"},
            )
            self.assertIsNone(failure)
            _result, failure = self.rpc(self.leader, "moffice.document.reason", "action_confirm", [wizard_id])
            self.assertIsNone(failure)
            logged = submitted.message_ids.filtered(lambda m: "Bổ sung" in (m.body or ""))
            self.assertTrue(logged)
            self.assertNotIn("<script", str(logged.body))
            self.assertIn("&lt;script&gt;", str(logged.body))

    # -- SQL-like strings in searches ------------------------------------------------
    def test_sql_like_searches(self):
        """SQL in a search is text to look for: it finds nothing, changes nothing."""
        self._registered()
        count = self.env["moffice.document"].sudo().search_count([])
        cases = {
            "S01": ("name_search", ["'; DROP TABLE moffice_document; --"], {}),
            "S02": ("search_count", [[("summary", "ilike", "%' OR '1'='1")]], {}),
            "S03": ("search_count", [[("attachment_text", "ilike", "'); DELETE FROM ir_attachment; --")]], {}),
            "S04": ("search_count", [[("reference", "=", "1' UNION SELECT password FROM res_users --")]], {}),
            "S05": (
                "web_search_read",
                [[("summary", "ilike", "\\'; SELECT pg_sleep(30); --" + "x" * 10_000)]],
                {"specification": {"summary": {}}},
            ),
        }
        for case, (method, args, kwargs) in cases.items():
            with self.subTest(case=case):
                started = time.monotonic()
                result, failure = self.rpc(self.clerk, "moffice.document", method, *args, **kwargs)
                self.assertIsNone(failure)
                self.assertIn(result, ([], 0, {"length": 0, "records": []}))
                self.assertLess(time.monotonic() - started, 10)
                self.assertEqual(self.env["moffice.document"].sudo().search_count([]), count)
        with self.subTest(case="S06"):
            _result, failure = self.rpc(
                self.clerk, "moffice.document", "search_read", [], ["summary"], order="id; DROP TABLE res_users"
            )
            self.assertRefused(
                (_result, failure),
                'Invalid "order" specified (%s). A valid "order" specification is a comma-separated list of '
                "valid field names (optionally followed by asc/desc for the direction)",
                "odoo.exceptions.UserError",
                module="base",
            )
            self.assertEqual(self.env["moffice.document"].sudo().search_count([]), count)

    # -- the same action twice, from two tabs -----------------------------------------
    def test_double_submissions(self):
        """The second of two identical actions is refused with the state it
        found; exactly one took effect (one number in the register)."""
        document = self._incoming()
        numbers = self.env["moffice.document"].sudo().search([("register_number", "!=", False)])
        taken = {(doc.register_id, doc.register_year, doc.register_number) for doc in numbers}
        cases = {
            "R01": (self.clerk, "action_register", lambda: document),
            "R02": (self.clerk, "action_submit", lambda: document),
        }
        for case, (user, method, record) in cases.items():
            with self.subTest(case=case):
                target = record()
                _result, failure = self.rpc(user, "moffice.document", method, [target.id])
                self.assertIsNone(failure)
                after_first = self.snapshot()
                self.assertRefused(self.rpc(user, "moffice.document", method, [target.id]), NOT_NOW)
                self.assertEqual(self.snapshot(), after_first)
        numbers = self.env["moffice.document"].sudo().search([("register_number", "!=", False)])
        new = {(doc.register_id, doc.register_year, doc.register_number) for doc in numbers} - taken
        self.assertEqual(new, {(document.register_id, document.register_year, document.register_number)})
        self.assertEqual(len(numbers), len(taken) + 1)
        with self.subTest(case="R03"):
            draft = self._outgoing_draft()
            draft.action_submit()
            _result, failure = self.rpc(self.leader, "moffice.document", "action_approve", [draft.id])
            self.assertIsNone(failure)
            after_first = self.snapshot()
            self.assertRefused(self.rpc(self.second_leader, "moffice.document", "action_approve", [draft.id]), NOT_NOW)
            self.assertEqual(self.snapshot(), after_first)
        with self.subTest(case="R04"):
            _result, failure = self.rpc(self.clerk, "moffice.document", "action_release", [draft.id])
            self.assertIsNone(failure)
            after_first = self.snapshot()
            self.assertRefused(self.rpc(self.clerk, "moffice.document", "action_release", [draft.id]), NOT_NOW)
            self.assertEqual(self.snapshot(), after_first)
            same_number = [
                ("register_id", "=", draft.register_id.id),
                ("register_year", "=", draft.register_year),
                ("register_number", "=", draft.register_number),
            ]
            self.assertTrue(draft.register_number)
            self.assertEqual(self.env["moffice.document"].sudo().search(same_number), draft)
        routed = self._routed(reference="R05/UBND")
        for case, (user, action, record) in {
            "R05": (self.specialist, "done", routed),
            "R06": (self.leader, "return", self._submitted(reference="R06/UBND")),
            "R07": (self.leader, "cancel", self._registered(reference="R07/UBND")),
        }.items():
            with self.subTest(case=case):
                # Both tabs opened the dialog before either confirmed it.
                wizards = [
                    self.rpc(
                        user,
                        "moffice.document.reason",
                        "create",
                        {"document_ids": [(6, 0, record.ids)], "action": action, "reason": f"Lần {tab}"},
                    )[0]
                    for tab in (1, 2)
                ]
                _result, failure = self.rpc(user, "moffice.document.reason", "action_confirm", [wizards[0]])
                self.assertIsNone(failure)
                after_first = self.snapshot()
                self.assertRefused(self.rpc(user, "moffice.document.reason", "action_confirm", [wizards[1]]), NOT_NOW)
                self.assertEqual(self.snapshot(), after_first)

    # -- actions on records another user just changed ------------------------------------
    def test_stale_records(self):
        """A form opened before another user changed the record: the action is
        refused with what changed; nothing of it is done."""
        with self.subTest(case="X01"):
            document = self._submitted(reference="X01/UBND")
            document.with_user(self.leader)._route(
                {"direction": "Xử lý.", "lead_user_id": self.specialist.id, "date_deadline": "2026-12-31"}
            )
            before = self.snapshot()
            self.assertRefused(
                self.rpc(
                    self.clerk, "moffice.document", "web_save", [document.id], {"summary": "Sửa muộn"}, specification={}
                ),
                BY_HAND,
                "odoo.exceptions.AccessError",
            )
            self.assertEqual(self.snapshot(), before)
        with self.subTest(case="X02"):
            draft = self._outgoing_draft()
            draft.action_submit()
            draft.with_user(self.second_leader)._return("Viết lại phần căn cứ.")
            before = self.snapshot()
            self.assertRefused(self.rpc(self.leader, "moffice.document", "action_approve", [draft.id]), NOT_NOW)
            self.assertEqual(self.snapshot(), before)
        with self.subTest(case="X03"):
            approved = self._approved()
            approved.with_user(self.leader)._cancel("Không ban hành nữa.")
            before = self.snapshot()
            self.assertRefused(self.rpc(self.clerk, "moffice.document", "action_release", [approved.id]), NOT_NOW)
            self.assertEqual(self.snapshot(), before)
        with self.subTest(case="X04"):
            submitted = self._submitted(reference="X04/UBND")
            submitted.with_user(self.second_leader)._cancel("Trùng văn bản.")
            before = self.snapshot()
            self.assertRefused(self._route_over_http(submitted, "2026-12-31"), NOT_NOW)
            self.assertEqual(self.snapshot(), before)
        with self.subTest(case="X05"):
            returned = self._submitted(reference="X05/UBND")
            returned.with_user(self.second_leader)._return("Thiếu phụ lục.")
            before = self.snapshot()
            self.assertRefused(self._route_over_http(returned, "2026-12-31"), NOT_NOW)
            self.assertEqual(self.snapshot(), before)
