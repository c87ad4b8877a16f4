from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ArchiveCommon

FIGURES = ("files_opened", "files_closed", "files_submitted", "files_kept", "files_late", "items_lent")


@tagged("post_install", "-at_install")
class TestStatistics(ArchiveCommon):
    """The archive's figures per unit and year, as the custodians keep them (Article 3.4)."""

    def _counts(self, unit, year):
        """The figures of ``unit`` in ``year``, counted from the files and loans themselves."""
        files = self.env["moffice.archive.file"].search([("department_id", "=", unit.id)])
        loans = self.env["moffice.archive.loan"].search([("item_id.department_id", "=", unit.id)])

        def of_year(records, field):
            return records.filtered(lambda record: record[field] and record[field].year == year)

        return {
            "files_opened": len(of_year(files, "date_start")),
            "files_closed": len(of_year(files, "date_end")),
            "files_submitted": len(of_year(files, "date_submitted")),
            "files_kept": len(of_year(files, "date_kept")),
            "files_late": len(of_year(files.filtered(lambda file: file.warning_stage == "late"), "date_due")),
            "items_lent": len(of_year(loans, "date_lent")),
        }

    def test_statistics_equal_the_records(self):
        opened = [self._file(user=self.other_specialist) for _index in range(3)]
        self._file(user=self.center_specialist)
        self._closed(opened[0], day=date(2026, 3, 2))
        self._submitted(opened[0])
        self._closed(opened[1], day=date(2026, 3, 2))
        opened[1].with_user(self.other_specialist)._ask_keep(date(2028, 3, 2), "Đang thanh tra.")
        opened[1].with_user(self.leader).action_keep()
        late = self._closed(self._file(user=self.other_specialist), day=date(2026, 1, 10))
        with freeze_time("2027-01-12"):
            self.env["moffice.archive.file"]._cron_warn_due()
        self.assertEqual(late.warning_stage, "late")
        center_file = self._submitted(self._file(user=self.center_specialist))
        center_file.with_user(self.center_custodian)._accept(self.center_location)
        loan = (
            self.env["moffice.archive.loan"]
            .with_user(self.center_specialist)
            .create({"item_id": center_file.archive_item_id.id, "purpose": "Tra cứu", "date_until": "2026-12-31"})
        )
        loan.with_user(self.center_custodian).action_lend()
        Statistics = self.env["moffice.archive.statistics"]
        checked = 0
        for unit in (self.unit, self.center):
            for year in (2026, 2027):
                expected = self._counts(unit, year)
                rows = Statistics.search([("department_id", "=", unit.id), ("year", "=", year)])
                got = {name: sum(rows.mapped(name)) for name in FIGURES}
                self.assertEqual(got, expected, f"{unit.name} {year}")
                checked += sum(expected.values())
        self.assertGreater(checked, 0)
        # Custodians see their archive's figures, not the other archive's.
        self.assertEqual(
            Statistics.with_user(self.center_custodian).search([]).archive_unit_id, self.center, "the centre's only"
        )
        self.assertNotIn(self.center, Statistics.with_user(self.custodian).search([]).archive_unit_id)
        with self.assertRaises(AccessError):
            Statistics.with_user(self.specialist).search([])
        # The spreadsheet holds the same figures.
        rows = Statistics.with_user(self.clerk).search([("department_id", "=", self.center.id)])
        _names, sheets = self._xlsx("moffice_archive.action_report_statistics_xlsx", rows, self.clerk)
        self.assertEqual(
            [line[3:9] for line in sheets[0][1:]], [[row[name] for name in FIGURES] for row in rows.sorted("year")]
        )


@tagged("post_install", "-at_install")
class TestFreeze(ArchiveCommon):
    """Collections frozen on an order (Appendix VI, IV-g)."""

    def test_frozen_then_unfrozen_both_logged(self):
        document = self._document("71/UBND-VX", "2026-02-01")
        file = self._file()
        file.with_user(self.specialist)._add(documents=document)
        Freeze = self.env["moffice.archive.freeze"]
        for user in (self.clerk, self.specialist, self.custodian):
            with self.assertRaises(AccessError):
                Freeze.with_user(user).create({"name": "Thanh tra", "order_reference": "12/QĐ-TTr"})
        order = Freeze.with_user(self.leader).create(
            {
                "name": "Hồ sơ dự án thanh tra",
                "order_reference": "12/QĐ-TTr ngày 01/04/2026",
                "file_ids": [(6, 0, file.ids)],
                "document_ids": [(6, 0, document.ids)],
            }
        )
        order.with_user(self.leader).action_freeze()
        self.assertEqual((order.state, order.frozen_by_id), ("frozen", self.leader))
        # Nobody edits, moves or deletes what it holds, whatever the path.
        with self.assertRaises(UserError):
            file.with_user(self.specialist).write({"name": "Đổi tên"})
        with self.assertRaises(UserError):
            file.entry_ids.with_user(self.specialist).unlink()
        with self.assertRaises(UserError):
            document.with_user(self.clerk).write({"notes": "Sửa"})
        with self.assertRaises(UserError):
            document.sudo().write({"summary": "Sửa"})
        with self.assertRaises(UserError):
            file.with_user(self.specialist)._close({})
        with self.assertRaises(AccessError):
            order.with_user(self.leader).write({"file_ids": [(5,)]})
        with self.assertRaises(AccessError):
            order.with_user(self.leader).unlink()
        # Unfrozen by a leader with a reason; both in the history of the records.
        with self.assertRaises(AccessError):
            order.with_user(self.clerk)._lift("Kết thúc thanh tra.")
        with self.assertRaises(UserError):
            order.with_user(self.leader)._lift("")
        order.with_user(self.leader)._lift("Kết thúc thanh tra.")
        file.with_user(self.specialist).write({"name": "Hồ sơ đã sửa"})
        self.assertEqual(file.name, "Hồ sơ đã sửa")
        bodies = " ".join(file.message_ids.mapped("body"))
        self.assertIn("12/QĐ-TTr ngày 01/04/2026", bodies)
        self.assertIn("Kết thúc thanh tra.", bodies)
        self.assertTrue(document.message_ids.filtered(lambda message: "Kết thúc thanh tra." in message.body))

    def test_a_frozen_file_is_still_warned_but_not_submitted(self):
        file = self._closed(self._file(user=self.other_specialist), day=date(2026, 3, 2))
        order = (
            self.env["moffice.archive.freeze"]
            .with_user(self.leader)
            .create({"name": "Hồ sơ thanh tra", "order_reference": "16/QĐ-TTr", "file_ids": [(6, 0, file.ids)]})
        )
        order.with_user(self.leader).action_freeze()
        with freeze_time("2027-01-31"):
            self.env["moffice.archive.file"]._cron_warn_due()
        self.assertEqual(file.warning_stage, "soon")
        self.assertTrue(self._activities(file, "moffice_archive.mail_activity_file_due"))
        with self.assertRaises(UserError):
            file.with_user(self.other_specialist).action_submit()
        self.assertEqual(file.state, "closed")
