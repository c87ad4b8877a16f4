from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MofficeReportCommon

SLIP = "moffice_documents.action_report_handling_slip"
STAMP = "moffice_documents.action_report_arrival_stamp"


@tagged("post_install", "-at_install")
class TestDocumentForms(MofficeReportCommon):
    """The forms of Appendix IV printed from an incoming document: the
    "ĐẾN" stamp and the handling slip."""

    def _registered(self, **values):
        with freeze_time("2025-03-10 02:00:00"):
            document = self._incoming(date_document="2025-03-05", **values)
            document.action_register()
        return document

    def _route(self, document, **values):
        with freeze_time("2025-03-11 03:00:00"):
            document.action_submit()
            document.with_user(self.leader)._route(
                {
                    "direction": "Giao chuyên viên tham mưu trả lời.",
                    "lead_user_id": self.specialist.id,
                    "cohandler_ids": [(6, 0, self.other_specialist.ids)],
                    "date_deadline": "2025-03-20",
                    **values,
                }
            )

    def test_arrival_stamp(self):
        """A 35 × 50 mm label: agency, Số, Ngày, Chuyển (once routed), Số và ký hiệu HS (blank for now)."""
        document = self._registered()
        action = document.with_user(self.clerk).action_print_arrival_stamp()
        self.assertEqual(
            (action["type"], action["report_name"]), ("ir.actions.report", "moffice_documents.report_arrival_stamp")
        )
        paperformat = self.env.ref(STAMP).paperformat_id
        self.assertEqual((paperformat.format, paperformat.page_height, paperformat.page_width), ("custom", 35, 50))

        def stamp():
            tree = self._html(STAMP, document, self.clerk)
            cells = {
                name: self._texts(tree.xpath(f"//td[contains(@class, 'o_moffice_stamp_{name}')]"))[0]
                for name in ("agency", "mark", "number", "date", "routed", "file")
            }
            return cells, tree.xpath("//td[contains(@class, 'o_moffice_stamp_routed')]/span/@class")

        cells, routed_class = stamp()
        self.assertEqual(
            cells,
            {
                "agency": "SỞ THỬ NGHIỆM",
                "mark": "ARRIVED",
                "number": "No.: 01",
                "date": "Date: 10/03/2025",
                "routed": "Routed to: ........................",
                "file": "File number and symbol: ..............",
            },
        )
        self.assertEqual(routed_class, ["o_moffice_blank"])
        self._route(document)
        cells, routed_class = stamp()
        self.assertEqual(cells["routed"], "Routed to: Test specialist")
        self.assertEqual(routed_class, [])

    def test_arrival_stamp_is_for_registered_paper_documents(self):
        emailed = self._registered(channel="email", reference="1/EMAIL")
        unregistered = self._incoming()
        for document in (emailed, unregistered):
            with self.assertRaisesRegex(UserError, "registered paper incoming documents"):
                document.with_user(self.clerk).action_print_arrival_stamp()
            with self.assertRaisesRegex(UserError, "registered paper incoming documents"):
                self._html(STAMP, document, self.clerk)
        with self.assertRaises(AccessError):
            self._html(STAMP, self._registered(reference="2/PAPER"), self.specialist)

    def test_handling_slip(self):
        """Heading, then 1. the leader's direction from the routing, 2. the
        unit head's (nothing when routed to a person), 3. the handler's
        proposals: the opinions written on the document and the result."""
        document = self._registered()
        with self.assertRaisesRegex(UserError, "not routed"):
            document.with_user(self.clerk).action_print_handling_slip()
        self._route(document)
        with freeze_time("2025-03-12 02:00:00"):
            opinion = (
                self.env["moffice.document"]
                .with_user(self.specialist)
                .create({"kind": "note", "parent_id": document.id, "summary": "Đề xuất trả lời đồng ý."})
            )
            opinion.body = "<p>Dự thảo kèm theo.</p>"
            opinion.action_issue()
        with freeze_time("2025-03-14 02:00:00"):
            document.with_user(self.specialist)._mark_done("Đã trình văn bản trả lời.")

        for user in (self.leader, self.clerk, self.specialist):
            action = document.with_user(user).action_print_handling_slip()
            self.assertEqual(action["report_name"], "moffice_documents.report_handling_slip")
        tree = self._html(SLIP, document, self.specialist)

        def part(name):
            return self._texts(tree.xpath(f"//div[contains(concat(' ', @class, ' '), ' o_moffice_slip_{name} ')]/p"))

        self.assertEqual(
            part("heading"),
            [
                "Attached to: Công văn No. 101/UBND-VX dated 05/03/2025 issued by UBND tỉnh Thử nghiệm",
                "V/v báo cáo tình hình thực hiện nhiệm vụ",
                "Arrival number 01, arrived on 10/03/2025",
            ],
        )
        self.assertEqual(
            part("leader"),
            [
                "- Lead unit or person: Test specialist; handling deadline: 20/03/2025",
                f"- Cooperating units or persons: {self.other_specialist.name}; handling deadline: 20/03/2025",
                "- Direction: Giao chuyên viên tham mưu trả lời.",
                "Date: 11/03/2025 (Test document_admin)",
            ],
        )
        self.assertEqual(
            part("unit"),
            [".................................................................................................."],
        )
        self.assertEqual(
            part("proposal_line"),
            [
                "Đề xuất trả lời đồng ý. Dự thảo kèm theo.",
                "Date: 12/03/2025 (Test specialist)",
                "Đã trình văn bản trả lời.",
                "Date: 14/03/2025 (Test specialist)",
            ],
        )

    def test_handling_slip_follows_read_access(self):
        document = self._registered()
        self._route(document, cohandler_ids=[])
        with self.assertRaises(AccessError):
            document.with_user(self.other_specialist).action_print_handling_slip()
        with self.assertRaises(AccessError):
            self._html(SLIP, document, self.other_specialist)
