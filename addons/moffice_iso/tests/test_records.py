import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IsoCommon


@tagged("post_install", "-at_install")
class TestIsoRecords(IsoCommon):
    """Records required per procedure against those filed; disposal past retention."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_2 = cls.env["hr.department"].create({"name": "Phòng Thử nghiệm 2", "moffice_code": "PTN2"})
        cls.procedure = cls.env["moffice.iso.document"].create(
            {
                "code": "QT-TN-03",
                "name": "Quy trình tiếp nhận văn bản đến",
                "type_id": cls.procedure_type.id,
                "department_id": cls.unit.id,
                "owner_id": cls.specialist.id,
            }
        )
        register = cls.env.ref("moffice_iso.iso_record_type_register")
        cls.quarterly, cls.monthly, cls.yearly = cls.env["moffice.iso.record.requirement"].create(
            [
                {
                    "document_id": cls.procedure.id,
                    "name": "Sổ đăng ký văn bản đến",
                    "record_type_id": register.id,
                    "frequency": "quarter",
                    "retention_months": 24,
                    "department_ids": [(6, 0, (cls.unit | cls.unit_2).ids)],
                },
                {
                    "document_id": cls.procedure.id,
                    "name": "Phiếu giải quyết văn bản đến",
                    "record_type_id": register.id,
                    "frequency": "month",
                    "retention_months": 12,
                },
                {
                    "document_id": cls.procedure.id,
                    "name": "Báo cáo năm",
                    "record_type_id": register.id,
                    "frequency": "year",
                },
            ]
        )
        cls.procedure.sudo().write({"state": "in_force"})

    def _file(self, requirement, unit, day, user=None):
        return (
            self.env["moffice.iso.record"]
            .with_user(user or self.clerk)
            .create(
                {
                    "name": f"{requirement.name} {day}",
                    "requirement_id": requirement.id,
                    "department_id": unit.id,
                    "date": day,
                }
            )
        )

    def test_required_against_filed_equals_an_independent_count(self):
        filed = [
            (self.quarterly, self.unit, "2026-01-15"),
            (self.quarterly, self.unit, "2026-02-20"),
            (self.quarterly, self.unit_2, "2026-05-02"),
            (self.quarterly, self.unit, "2025-12-31"),  # before the period
            (self.monthly, self.unit, "2026-01-31"),
            (self.monthly, self.unit, "2026-03-01"),
            (self.monthly, self.unit, "2026-03-31"),
            (self.monthly, self.unit_2, "2026-04-10"),  # a unit not asked for it
            (self.monthly, self.unit, "2026-07-01"),  # after the period
            (self.yearly, self.unit, "2026-11-30"),
        ]
        for requirement, unit, day in filed:
            self._file(requirement, unit, day)
        audit = (
            self.env["moffice.iso.audit"]
            .with_user(self.custodian)
            .create({"date_from": "2026-01-01", "date_to": "2026-06-30", "document_ids": self.procedure.ids})
        )
        audit.action_check_records()
        Record = self.env["moffice.iso.record"]
        lines = {
            (line.requirement_id, line.department_id, line.date_from): line.record_count for line in audit.line_ids
        }
        # independently: every unit asked, every period of its frequency in January-June 2026
        expected = {}
        for unit in (self.unit, self.unit_2):
            for start, end in (("2026-01-01", "2026-03-31"), ("2026-04-01", "2026-06-30")):
                expected[(self.quarterly, unit, date.fromisoformat(start))] = Record.search_count(
                    [
                        ("requirement_id", "=", self.quarterly.id),
                        ("department_id", "=", unit.id),
                        ("date", ">=", start),
                        ("date", "<=", end),
                    ]
                )
        for month in range(1, 7):
            start = date(2026, month, 1)
            end = date(2026, month + 1, 1)
            expected[(self.monthly, self.unit, start)] = Record.search_count(
                [
                    ("requirement_id", "=", self.monthly.id),
                    ("department_id", "=", self.unit.id),
                    ("date", ">=", start),
                    ("date", "<", end),
                ]
            )
        expected[(self.yearly, self.unit, date(2026, 1, 1))] = Record.search_count(
            [
                ("requirement_id", "=", self.yearly.id),
                ("department_id", "=", self.unit.id),
                ("date", ">=", "2026-01-01"),
                ("date", "<=", "2026-12-31"),
            ]
        )
        self.assertEqual(lines, expected)
        self.assertEqual(audit.missing_count, len([count for count in expected.values() if not count]))
        self.assertTrue(audit.missing_count)
        # the printed list holds the same lines
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.custodian)
            ._render("moffice_iso.action_report_iso_records_xlsx", audit.ids)
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = [row for row in sheet.iter_rows(values_only=True) if row[0] == self.procedure.display_name]
        self.assertEqual(len(rows), len(expected))
        self.assertEqual(sorted(int(row[8]) for row in rows), sorted(expected.values()))
        self.assertEqual(sum(row[9] == "Missing" for row in rows), audit.missing_count)

    def test_records_belong_to_the_matrix_roles(self):
        record = self._file(self.quarterly, self.unit, "2026-01-15")
        for user in (self.leader, self.system_admin, self.custodian):
            self.assertEqual(self.env["moffice.iso.record"].with_user(user).search([("id", "=", record.id)]), record)
        for user in (self.specialist, self.other_specialist):
            with self.assertRaises(AccessError):
                record.with_user(user).check_access("read")
            with self.assertRaises(AccessError):
                self._file(self.quarterly, self.unit, "2026-01-16", user=user)

    def test_disposal_past_retention_only_by_a_leader_and_kept(self):
        with freeze_time("2026-03-02 03:00:00"):
            old = self._file(self.monthly, self.unit, "2024-12-31")
            recent = self._file(self.monthly, self.unit, "2025-06-01")
            due = self.env["moffice.iso.record"].with_user(self.clerk).search([("is_disposal_due", "=", True)])
            self.assertEqual(due & (old | recent), old)
            for user in (self.clerk, self.system_admin, self.custodian):
                with self.assertRaises(AccessError):
                    old.with_user(user)._dispose("Hết thời hạn bảo quản.")
                with self.assertRaises(AccessError):
                    old.with_user(user).write({"state": "disposed"})
            for user in (self.specialist, self.other_specialist):
                with self.assertRaises(AccessError):
                    old.with_user(user)._dispose("Hết thời hạn bảo quản.")
            with self.assertRaises(UserError):
                recent.with_user(self.leader)._dispose("Hết thời hạn bảo quản.")
            with self.assertRaises(UserError):
                old.with_user(self.leader)._dispose(" ")
            self.assertEqual(old.state, "kept")
            old.with_user(self.leader)._dispose("Hết thời hạn bảo quản, hủy theo biên bản số 01.")
        self.assertEqual((old.state, old.disposed_by_id), ("disposed", self.leader))
        self.assertIn("biên bản số 01", old.message_ids[0].body)
        for user in (self.leader, self.clerk):
            with self.assertRaises(AccessError):
                old.with_user(user).write({"name": "Sửa"})
            with self.assertRaises(AccessError):
                (old | recent).with_user(user).unlink()
        self.assertTrue(old.exists())
