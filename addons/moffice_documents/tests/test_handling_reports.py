import base64
import io
from collections import Counter

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MofficeReportCommon, blank_to_text

XLSX = "moffice_documents.action_report_handling_xlsx"
PDF = "moffice_documents.action_report_handling_pdf"
STATUSES = ("on_time", "late", "open", "open_late")


def parse_sections(rows, titles):
    """The tables of a report sheet: title -> (headers, rows); a table ends at an empty row."""
    sections = {}
    for index, row in enumerate(rows):
        if row[0] in titles and not any(row[1:]):
            headers = [cell for cell in rows[index + 1] if cell != ""]
            body = []
            for line in rows[index + 2 :]:
                if not any(cell != "" for cell in line):
                    break
                body.append(line[: len(headers)])
            sections[row[0]] = (headers, body)
    return sections


class HandlingReportCommon(MofficeReportCommon):
    def _report(self, kind, user=None, **values):
        return (
            self.env["moffice.handling.report"]
            .with_user(user or self.leader)
            .create({"kind": kind, "date_from": "2025-03-01", "date_to": "2025-03-31", **values})
        )


@tagged("post_install", "-at_install")
class TestHandlingReports(HandlingReportCommon):
    """The figures of the reports on the handling of incoming and outgoing
    documents equal counts made here from what each document went through."""

    def _incoming_at(self, day, reference, route=None, done=None):
        """An incoming document registered on ``day``, routed with ``route``
        (submitted only when empty), marked as handled at ``done``."""
        with freeze_time(f"{day} 02:00:00"):
            document = self._incoming(reference=reference, date_document="2025-03-01")
            document.action_register()
            if route is not None:
                document.action_submit()
            if route:
                document.with_user(self.leader)._route({"direction": "Xử lý.", **route})
        if done:
            with freeze_time(done):
                document.with_user(self.leader)._mark_done("Đã xử lý.")
        return document

    def _expected(self, cases):
        """The three tables, counted from ``cases``: (document, person, unit, status, deadline, handled, days late)."""

        def counts(group):
            counter = Counter(case[3] for case in group)
            return [len(group), *(counter[status] for status in STATUSES)]

        units, persons = {}, {}
        for case in cases:
            units.setdefault(case[2], []).append(case)
            persons.setdefault((case[1].name, case[2]), []).append(case)
        total = counts(cases)
        late = sorted((case for case in cases if case[3] in ("late", "open_late")), key=lambda case: -case[6])
        return {
            "By unit": [[unit, *counts(group)] for unit, group in sorted(units.items())] + [["Total", *total]],
            "By person": [[name, unit, *counts(group)] for (name, unit), group in sorted(persons.items())]
            + [["Total", "", *total]],
            "Late documents": [
                [
                    f"{case[0].register_number:02d}" if case[0].register_number else "",
                    case[0].reference or "",
                    case[0].summary,
                    case[2],
                    case[1].name,
                    case[4],
                    case[5] or "Not handled yet",
                    case[6],
                ]
                for case in late
            ],
        }

    def _check(self, report, cases, title):
        expected = self._expected(cases)
        with freeze_time("2025-04-02 02:00:00"):
            _names, (sheet,) = self._xlsx(XLSX, report, self.clerk)
            tree = self._html(PDF, report, self.leader)
        heading = [row[0] for row in sheet[:5]]
        self.assertEqual(heading[:3], ["UBND TỈNH THỬ NGHIỆM", "SỞ THỬ NGHIỆM", title])
        self.assertIn("as they stood on 31/03/2025", heading[3])
        self.assertTrue(heading[4].startswith("Late: "))
        sections = parse_sections(sheet, expected)
        self.assertEqual({title: body for title, (_headers, body) in sections.items()}, expected)
        self.assertEqual(
            sections["By unit"][0],
            ["Unit", "Documents", "Handled on time", "Handled late", "Open, not yet late", "Open and late"],
        )
        self.assertEqual(
            sections["Late documents"][0],
            ["Number", "Number and symbol", "Summary", "Unit", "Person", "Deadline", "Handled on", "Days late"],
        )
        self.assertEqual(self._texts(tree.xpath("//h5")), list(expected))
        tables = [self._table(table) for table in tree.xpath("//table[contains(@class, 'o_moffice_table')]")]
        self.assertEqual(
            [rows for _headers, rows in tables],
            [[[str(cell) for cell in row] for row in rows] for rows in expected.values()],
        )
        self.assertIn("Late: ", self._texts(tree.xpath("//div[contains(@class, 'o_moffice_heading_note')]"))[0])

    def test_incoming_report(self):
        unit, nobody = "Phòng Thử nghiệm", "No unit"
        to_specialist = {"lead_user_id": self.specialist.id}
        to_other = {"lead_user_id": self.other_specialist.id}
        on_time = self._incoming_at(
            "2025-03-03", "1/A", {**to_specialist, "date_deadline": "2025-03-10"}, "2025-03-08 02:00:00"
        )
        late = self._incoming_at(
            "2025-03-04",
            "2/A",
            {"lead_department_id": self.unit.id, "date_deadline": "2025-03-10"},
            "2025-03-12 02:00:00",
        )
        open_ = self._incoming_at("2025-03-05", "3/A", {**to_other, "date_deadline": "2025-04-15"})
        open_late = self._incoming_at("2025-03-06", "4/A", {**to_other, "date_deadline": "2025-03-20"})
        not_routed = self._incoming_at("2025-03-07", "5/A", {})
        cancelled = self._incoming_at("2025-03-08", "6/A")
        cancelled.with_user(self.leader)._cancel("Nhầm.")
        self._incoming_at("2025-04-01", "7/A", {**to_other, "date_deadline": "2025-04-02"})
        # Handled at 17:00 on its deadline day, Vietnam time: on time.
        deadline_day = self._incoming_at(
            "2025-03-09", "8/A", {**to_specialist, "date_deadline": "2025-03-15"}, "2025-03-15 10:00:00"
        )
        # Handled after the end of the period: still open (and late) on its last day.
        after = self._incoming_at(
            "2025-03-10", "9/A", {**to_other, "date_deadline": "2025-03-25"}, "2025-04-01 02:00:00"
        )
        cases = [
            (on_time, self.specialist, unit, "on_time", "10/03/2025", "08/03/2025", 0),
            (late, self.specialist, unit, "late", "10/03/2025", "12/03/2025", 2),
            (open_, self.other_specialist, nobody, "open", "15/04/2025", None, 0),
            (open_late, self.other_specialist, nobody, "open_late", "20/03/2025", None, 11),
            (not_routed, self.leader, nobody, "open", None, None, 0),
            (deadline_day, self.specialist, unit, "on_time", "15/03/2025", "15/03/2025", 0),
            (after, self.other_specialist, nobody, "open_late", "25/03/2025", None, 6),
        ]
        self._check(self._report("incoming"), cases, "REPORT ON THE HANDLING OF INCOMING DOCUMENTS")

    def test_outgoing_report(self):
        """An answer is due by the deadline of what it answers; without a
        deadline, a document counts where it was released."""
        unit = "Phòng Thử nghiệm"
        route = {"lead_user_id": self.specialist.id}
        early = self._incoming_at("2025-03-01", "1/B", {**route, "date_deadline": "2025-03-10"})
        middle = self._incoming_at("2025-03-01", "2/B", {**route, "date_deadline": "2025-03-20"})
        april = self._incoming_at("2025-03-01", "3/B", {**route, "date_deadline": "2025-04-15"})
        with freeze_time("2025-03-02 02:00:00"):
            on_time = self._answer(early, department_id=self.unit.id, summary="Trả lời đúng hạn")
            late = self._answer(middle, department_id=self.unit.id, summary="Trả lời trễ")
            open_late = self._answer(early, user=self.other_specialist, department_id=self.unit.id, summary="Chưa xong")
            open_late.with_user(self.other_specialist).action_submit()
            no_deadline = self._answer(self.env["moffice.document"], department_id=self.unit.id, summary="Báo cáo")
            self._answer(april, department_id=self.unit.id, summary="Hạn tháng 4")
            self._answer(self.env["moffice.document"], department_id=self.unit.id, summary="Chưa phát hành")
            cancelled = self._answer(early, department_id=self.unit.id, summary="Hủy")
            cancelled.with_user(self.specialist).action_submit()
            cancelled.with_user(self.leader)._cancel("Không cần.")
        with freeze_time("2025-03-09 02:00:00"):
            self._release(on_time)
        with freeze_time("2025-03-15 02:00:00"):
            self._release(no_deadline)
        with freeze_time("2025-03-25 02:00:00"):
            self._release(late)
        cases = [
            (on_time, self.specialist, unit, "on_time", "10/03/2025", "09/03/2025", 0),
            (late, self.specialist, unit, "late", "20/03/2025", "25/03/2025", 5),
            (open_late, self.other_specialist, unit, "open_late", "10/03/2025", None, 21),
            (no_deadline, self.specialist, unit, "on_time", None, "15/03/2025", 0),
        ]
        self._check(self._report("outgoing"), cases, "REPORT ON THE HANDLING OF OUTGOING DOCUMENTS")


@tagged("post_install", "-at_install")
class TestHandlingReportAccess(HandlingReportCommon):
    def test_leaders_and_clerks_print_them(self):
        for user in (self.leader, self.clerk):
            report = self._report("incoming", user)
            self.assertEqual(
                report.with_user(user).action_print_xlsx()["report_name"], "moffice_documents.handling_report_xlsx"
            )
            with self.assertRaises(AccessError):
                report.with_user(user).write({"date_to": "2025-03-20"})
            with self.assertRaises(AccessError):
                report.with_user(user).unlink()
        for role in ("specialist", "custodian", "system_admin"):
            with self.assertRaises(AccessError):
                self._report("incoming", self.role_users[role])
            with self.assertRaises(AccessError):
                report.with_user(self.role_users[role]).read(["kind"])

    def test_monthly_reports_are_made_by_the_scheduled_action_only(self):
        with self.assertRaisesRegex(AccessError, "scheduled action"):
            self._report("incoming", is_monthly=True)


@tagged("post_install", "-at_install")
class TestMonthlyHandlingReports(HandlingReportCommon):
    """Last month's two reports reach the leaders on the first working day of the month, once."""

    def test_sent_on_the_first_working_day_to_the_leaders(self):
        calendar = self.env.company.resource_calendar_id
        # National Day, 1-2 September 2025 (Monday, Tuesday), Vietnam time.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Quốc khánh",
                "calendar_id": calendar.id,
                "date_from": "2025-08-31 17:00:00",
                "date_to": "2025-09-02 16:59:59",
            }
        )
        Report = self.env["moffice.handling.report"]
        august = [("is_monthly", "=", True), ("date_from", "=", "2025-08-01"), ("date_to", "=", "2025-08-31")]
        with freeze_time("2025-09-02 00:30:00"):  # 07:30 on a public holiday
            Report._cron_send_monthly()
        self.assertFalse(Report.search(august))
        with freeze_time("2025-09-03 00:30:00"):  # 07:30 on the first working day
            Report._cron_send_monthly()
        reports = Report.search(august)
        self.assertEqual(sorted(reports.mapped("kind")), ["incoming", "outgoing"])
        leaders = self.env.company._moffice_users("document_admin")
        self.assertIn(self.leader, leaders)
        for report in reports:
            message = report.message_ids.filtered(lambda message: message.attachment_ids)
            self.assertEqual(len(message), 1)
            self.assertEqual(message.partner_ids, leaders.partner_id)
            self.assertNotIn(self.clerk.partner_id, message.partner_ids)
            attachment = message.attachment_ids
            self.assertTrue(attachment.name.endswith("01-08-2025 - 31-08-2025.xlsx"))
            sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas))).active
            self.assertEqual(blank_to_text(sheet.cell(3, 1).value), report.with_context(lang=leaders[:1].lang)._title())
            self.assertEqual(attachment.with_user(self.leader).read(["name"])[0]["name"], attachment.name)
            with self.assertRaises(AccessError):
                attachment.with_user(self.specialist).read(["name"])
        with freeze_time("2025-09-04 00:30:00"):
            Report._cron_send_monthly()
        self.assertEqual(Report.search(august), reports)
