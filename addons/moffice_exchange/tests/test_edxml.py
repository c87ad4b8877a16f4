from odoo.tests import TransactionCase, tagged

from ..tools import edxml
from .common import XML_BOMB, XXE_PAYLOAD


@tagged("post_install", "-at_install")
class TestEdxml(TransactionCase):
    """The envelope: what is built is read back the same; hostile XML is refused."""

    def _package(self, content=b"%PDF-1.4 x"):
        return {
            "from": {"organ_id": "000.00.31.H42", "organ_name": "Sở Khoa học và Công nghệ"},
            "to": {"organ_id": "000.00.08.H42", "organ_name": "Sở Tài chính"},
            "document_id": edxml.new_id(),
            "code_number": "12",
            "code_notation": "SKHCN-VP",
            "identifier_code": "000.00.31.H42.2026.12/SKHCN-VP",
            "place": "Hà Tĩnh",
            "date": "2026-11-25",
            "type_name": "Công văn",
            "subject": 'V/v đề nghị cấp kinh phí <năm> 2027 & "khác"',
            "content": "Ghi chú",
            "signer_position": "Giám đốc",
            "signer_name": "Nguyễn Văn A",
            "due_date": "2026-12-10",
            "to_places": ["Sở Tài chính", "Lưu: VT"],
            "urgency": "very_urgent",
            "copies": "3",
            "pages": "2",
            "language": "Tiếng Việt",
            "trace": [("000.00.31.H42", "2026-11-25T02:00:00Z")],
            "attachments": [{"name": "cv.pdf", "mimetype": "application/pdf", "content": content}],
        }

    def test_package_round_trip(self):
        package = self._package(content=bytes(range(256)) * 10_000)
        read = edxml.parse(edxml.build_package(package))
        self.assertEqual(read.pop("kind"), "package")
        self.assertEqual(read, package)

    def test_large_file_survives_the_parser_limits(self):
        """A file over libxml2's text-node limit travels in chunks."""
        content = b"\x00\xff" * 6_000_000
        read = edxml.parse(edxml.build_package(self._package(content=content)))
        self.assertEqual(read["attachments"][0]["content"], content)

    def test_status_round_trip(self):
        status = {
            "from": {"organ_id": "A", "organ_name": "Sở A"},
            "to": {"organ_id": "B", "organ_name": "Sở B"},
            "document_id": edxml.new_id(),
            "code_notation": "12/SKHCN-VP",
            "status_code": edxml.REJECTED,
            "description": "Gửi nhầm địa chỉ",
            "timestamp": "2026-11-25T02:00:00Z",
            "staff": "Văn thư",
        }
        read = edxml.parse(edxml.build_status(status))
        self.assertEqual(read.pop("kind"), "status")
        self.assertEqual(read, status)

    def test_hostile_xml_is_refused(self):
        cases = {
            XML_BOMB: "hostile_xml",
            XXE_PAYLOAD: "hostile_xml",
            b"<a>" * 40 + b"</a>" * 40: "too_deep",
            b"<edXML:edXMLEnvelope": "malformed_xml",
            b"<x/>": "malformed_xml",
        }
        for body, code in cases.items():
            with self.assertRaises(edxml.EdxmlError) as refused:
                edxml.parse(body)
            self.assertEqual(refused.exception.code, code, body[:40])
