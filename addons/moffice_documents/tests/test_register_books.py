from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MofficeReportCommon

# Appendix IV of Decree 30/2020 (DECREE30.md): the columns of each register,
# in their order, with the English source string the product prints (its
# Vietnamese translation is the decree's name of the column).
INCOMING_REGISTER = [
    ("Ngày đến", "Arrival date"),
    ("Số đến", "Arrival number"),
    ("Tác giả", "Author"),
    ("Số, ký hiệu", "Number and symbol"),
    ("Ngày tháng văn bản", "Date of the document"),
    ("Tên loại và trích yếu nội dung", "Type and summary"),
    ("Đơn vị hoặc người nhận", "Receiving unit or person"),
    ("Ngày chuyển", "Date handed over"),
    ("Ký nhận", "Signature on receipt"),
    ("Ghi chú", "Notes"),
]
OUTGOING_REGISTER = [
    ("Số, ký hiệu văn bản", "Number and symbol of the document"),
    ("Ngày tháng văn bản", "Date of the document"),
    ("Tên loại và trích yếu nội dung", "Type and summary"),
    ("Người ký", "Signer"),
    ("Nơi nhận", "Recipients"),
    ("Đơn vị, người nhận bản lưu", "Unit or person keeping the file copy"),
    ("Số lượng bản", "Copies"),
    ("Ngày chuyển", "Date handed over"),
    ("Ký nhận", "Signature on receipt"),
    ("Ghi chú", "Notes"),
]
POSTAL_REGISTER = [
    ("Ngày chuyển", "Date handed over"),
    ("Số, ký hiệu văn bản", "Number and symbol of the document"),
    ("Nơi nhận", "Recipients"),
    ("Số lượng bì", "Envelopes"),
    ("Ký nhận và dấu bưu điện", "Signature on receipt and postmark"),
    ("Ghi chú", "Notes"),
]
HANDLING_TRACKER = [
    ("Số đến", "Arrival number"),
    ("Tên loại, số, ký hiệu, ngày và cơ quan ban hành", "Type, number and symbol, date and issuing body"),
    ("Đơn vị hoặc người nhận", "Receiving unit or person"),
    ("Thời hạn giải quyết", "Time limit for handling"),
    ("Tiến độ giải quyết", "Handling progress"),
    ("Số, ký hiệu văn bản trả lời", "Number and symbol of the answer"),
    ("Ghi chú", "Notes"),
]
SUMMARY = "V/v báo cáo tình hình thực hiện nhiệm vụ"


@tagged("post_install", "-at_install")
class TestRegisterBooks(MofficeReportCommon):
    """Each register of Appendix IV, as XLSX and as the HTML of its PDF, cell
    by cell: its cover and first page, the decree's columns, the entries.
    Documents of March 2025 (the demo department works in the current year)."""

    def _book(self, **values):
        return (
            self.env["moffice.register.report"]
            .with_user(self.clerk)
            .create({"date_from": "2025-03-01", "date_to": "2025-03-31", **values})
        )

    def _cover(self, title, name=None, days=None, numbers=None):
        lines = ["UBND TỈNH THỬ NGHIỆM", "SỞ THỬ NGHIỆM", title]
        lines += [name] if name else []
        lines += ["Year: 2025", f"From {days[0]} to {days[1]}"]
        lines += [f"From number {numbers[0]} to number {numbers[1]}"] if numbers else []
        return lines

    def _check_book(self, book, columns, cover, rows):
        """The book printed by the clerk: a cover sheet, then a sheet whose
        first page repeats the cover, then the header row and the rows; the
        PDF's cover, first page and table the same."""
        headers = [english for _decree, english in columns]
        names, (cover_sheet, sheet) = self._xlsx("moffice_documents.action_report_register_xlsx", book, self.clerk)
        self.assertEqual(names[0], "Cover")
        self.assertEqual([row[0] for row in cover_sheet if row[0]], cover)
        header_row = next(index for index, row in enumerate(sheet) if row[0] == headers[0])
        self.assertEqual([row[0] for row in sheet[:header_row] if row[0]], cover)
        self.assertEqual(sheet[header_row], headers)
        self.assertEqual(sheet[header_row + 1 :], rows)

        tree = self._html("moffice_documents.action_report_register_pdf", book, self.clerk)
        pages = tree.xpath("//div[contains(concat(' ', @class, ' '), ' o_moffice_cover ')]")
        self.assertEqual([self._texts(page.xpath("./div")) for page in pages], [cover, cover])
        (table,) = tree.xpath("//table[contains(@class, 'o_moffice_table')]")
        self.assertEqual(self._table(table), (headers, [[str(cell) for cell in row] for row in rows]))

    def test_incoming_register(self):
        """Ngày chuyển and Ký nhận come from the routing; dates are the agency's
        (Vietnam), whatever the clerk's own time zone; numbers 01 … 09."""
        self.clerk.tz = "America/New_York"
        with freeze_time("2025-03-10 02:00:00"):  # 09:00 in Vietnam
            routed = self._incoming(date_document="2025-03-05")
            routed.action_register()
            routed.action_submit()
        with freeze_time("2025-03-11 03:00:00"):
            routed.with_user(self.leader)._route(
                {"direction": "Giao phòng xử lý.", "lead_department_id": self.unit.id, "date_deadline": "2025-03-20"}
            )
        with freeze_time("2025-03-12 18:30:00"):  # 01:30 on the 13th in Vietnam
            waiting = self._incoming(reference="102/UBND-VX", date_document="2025-03-12", summary="V/v mời họp")
            waiting.action_register()
        self.assertEqual(routed.handed_to, "Phòng Thử nghiệm, Test specialist")
        rows = [
            [
                "10/03/2025",
                "01",
                "UBND tỉnh Thử nghiệm",
                "101/UBND-VX",
                "05/03/2025",
                f"Công văn - {SUMMARY}",
                "Phòng Thử nghiệm",
                "11/03/2025",
                "Phòng Thử nghiệm, Test specialist",
                "",
            ],
            ["13/03/2025", "02", "UBND tỉnh Thử nghiệm", "102/UBND-VX", "12/03/2025", "Công văn - V/v mời họp"]
            + [""] * 4,
        ]
        self._check_book(
            self._book(register_id=routed.register_id.id),
            INCOMING_REGISTER,
            self._cover(
                "INCOMING DOCUMENT REGISTER", "Sổ đăng ký văn bản đến", ("10/03/2025", "13/03/2025"), ("01", "02")
            ),
            rows,
        )

    def test_outgoing_register(self):
        """Ngày chuyển and Ký nhận come from the release; cancelled entries stay, with the reason."""
        with freeze_time("2025-03-14 01:00:00"):
            released = self._release(
                self._answer(
                    self._incoming(),
                    department_id=self.unit.id,
                    recipients_note="Lưu: VT, PTN.",
                    copy_count=3,
                )
            )
        with freeze_time("2025-03-17 01:00:00"):
            cancelled = self._release(self._answer(self._incoming(), department_id=self.unit.id, summary="V/v khác"))
            cancelled.with_user(self.leader)._cancel("Ban hành nhầm.")
        recipients = "Sở Tài chính Thử nghiệm, Lưu: VT, PTN."
        rows = [
            [
                released.reference,
                "14/03/2025",
                "Công văn - V/v trả lời báo cáo",
                "Test document_admin",
                recipients,
                "Phòng Thử nghiệm",
                3,
                "14/03/2025",
                recipients,
                "",
            ],
            [
                cancelled.reference,
                "17/03/2025",
                "Công văn - V/v khác",
                "Test document_admin",
                "Sở Tài chính Thử nghiệm",
                "Phòng Thử nghiệm",
                1,
                "17/03/2025",
                "Sở Tài chính Thử nghiệm",
                "Cancelled: Ban hành nhầm.",
            ],
        ]
        self.assertEqual(released.reference, "01/SKHCN-PTN")
        self._check_book(
            self._book(register_id=released.register_id.id),
            OUTGOING_REGISTER,
            self._cover(
                "OUTGOING DOCUMENT REGISTER", "Sổ đăng ký công văn đi", ("14/03/2025", "17/03/2025"), ("01", "02")
            ),
            rows,
        )

    def test_postal_register(self):
        """The postal dispatches the clerk recorded, by date; the post office signs and stamps on paper."""
        with freeze_time("2025-03-14 01:00:00"):
            released = self._release(self._answer(self._incoming(), department_id=self.unit.id))
        with freeze_time("2025-03-15 02:00:00"):
            released.with_user(self.clerk)._dispatch(
                {
                    "date_dispatch": "2025-03-15",
                    "recipient_ids": [(6, 0, self.recipient.ids)],
                    "recipients_note": "UBND huyện Thử nghiệm",
                    "envelope_count": 2,
                    "note": "Bảo đảm",
                }
            )
        rows = [["15/03/2025", "01/SKHCN-PTN", "Sở Tài chính Thử nghiệm, UBND huyện Thử nghiệm", 2, "", "Bảo đảm"]]
        self._check_book(
            self._book(book="postal"),
            POSTAL_REGISTER,
            self._cover("POSTAL DISPATCH REGISTER", days=("15/03/2025", "15/03/2025")),
            rows,
        )

    def test_handling_tracker(self):
        """The tracker follows each incoming document: deadline, progress and
        the number and symbol of the released answer."""
        with freeze_time("2025-03-10 02:00:00"):
            answered = self._incoming(date_document="2025-03-05")
            answered.action_register()
            answered.action_submit()
            answered.with_user(self.leader)._route(
                {"direction": "Tham mưu trả lời.", "lead_user_id": self.specialist.id, "date_deadline": "2025-03-20"}
            )
            answer = self._answer(answered, department_id=self.unit.id)
        with freeze_time("2025-03-11 02:00:00"):
            late = self._incoming(reference="7/STC-KH", date_document="2025-03-06", issuer_id=self.recipient.id)
            late.action_register()
            late.action_submit()
            late.with_user(self.leader)._route(
                {"direction": "Xử lý ngay.", "lead_department_id": self.unit.id, "date_deadline": "2025-03-12"}
            )
        with freeze_time("2025-03-12 02:00:00"):
            cancelled = self._incoming(reference="9/UBND-VX", date_document="2025-03-11")
            cancelled.action_register()
            cancelled.with_user(self.leader)._cancel("Nhầm nơi nhận.")
        with freeze_time("2025-03-18 02:00:00"):
            self._release(answer)
        with freeze_time("2025-03-19 02:00:00"):
            answered.with_user(self.specialist)._mark_done("Đã trả lời.")
        self.assertEqual(answered.answer_ids, answer)
        with freeze_time("2025-04-01 02:00:00"):
            names, (_cover_sheet, sheet) = self._xlsx(
                "moffice_documents.action_report_register_xlsx", self._book(book="tracker"), self.clerk
            )
            tree = self._html("moffice_documents.action_report_register_pdf", self._book(book="tracker"), self.clerk)
        header_row = next(index for index, row in enumerate(sheet) if row[0] == "Arrival number")
        self.assertEqual(sheet[header_row], [english for _decree, english in HANDLING_TRACKER])
        rows = sheet[header_row + 1 :]
        (table,) = tree.xpath("//table[contains(@class, 'o_moffice_table')]")
        self.assertEqual(self._table(table)[1], [[str(cell) for cell in row] for row in rows])
        self.assertEqual(
            [row[:4] for row in rows],
            [
                [
                    "01",
                    "Công văn No. 101/UBND-VX dated 05/03/2025 issued by UBND tỉnh Thử nghiệm",
                    "Test specialist",
                    "20/03/2025",
                ],
                [
                    "02",
                    "Công văn No. 7/STC-KH dated 06/03/2025 issued by Sở Tài chính Thử nghiệm",
                    "Phòng Thử nghiệm",
                    "12/03/2025",
                ],
                ["03", "Công văn No. 9/UBND-VX dated 11/03/2025 issued by UBND tỉnh Thử nghiệm", "", ""],
            ],
        )
        # The progress starts with the document's own handling (the work
        # addon adds its tasks after it), then the answer and the notes.
        self.assertEqual(rows[0][4].split("; ")[0], "Handled on 19/03/2025")
        self.assertEqual(rows[1][4].split("; ")[:2], ["In handling", "late"])
        self.assertEqual(rows[2][4].split("; ")[0], "Cancelled")
        self.assertEqual(
            [row[5:] for row in rows], [[answer.reference, ""], ["", ""], ["", "Cancelled: Nhầm nơi nhận."]]
        )
        self.assertEqual(answer.reference, "01/SKHCN-PTN")
        self.assertIn("INCOMING DOCUMENT HANDLING TRACKER", [row[0] for row in sheet[:header_row]])
        self.assertIn("From number 01 to number 03", [row[0] for row in sheet[:header_row]])
        self.assertEqual(names[1], "Incoming document handling trac")

    def test_wizard_needs_a_register_and_a_period(self):
        with self.assertRaises(ValidationError):
            self._book(book="register")
        with self.assertRaises(ValidationError):
            self._book(book="postal", date_from="2025-04-01")
        self.assertEqual(self._book(book="postal")._number(7), "07")
