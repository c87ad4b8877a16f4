import io
import threading
from datetime import timedelta
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time

import odoo
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..models import moffice_register
from .common import MofficeDocumentCommon, purge_documents


@tagged("post_install", "-at_install")
class TestRegisters(MofficeDocumentCommon):
    def test_numbers_restart_each_year(self):
        register = self.env["moffice.register"].create({"name": "Sổ thử", "kind": "incoming", "sequence": -1})
        numbers = []
        for day in ("2026-12-31 10:00:00", "2026-12-31 11:00:00", "2027-01-01 08:00:00"):
            with freeze_time(day):
                document = self._incoming(reference=f"{len(numbers)}/UBND", date_document="2026-12-30")
                document.with_user(self.clerk).action_register()
                numbers.append((document.register_id, document.register_year, document.register_number))
        self.assertEqual(numbers, [(register, 2026, 1), (register, 2026, 2), (register, 2027, 1)])
        with freeze_time("2027-01-02"):
            self.assertEqual(register.next_number, 2)

    def test_most_specific_register(self):
        Register = self.env["moffice.register"]
        letter = self.env.ref("moffice_documents.type_outgoing_letter")
        plan = self.env.ref("moffice_documents.type_outgoing_plan")
        unit_register = Register.create(
            {
                "name": "Sổ công văn đi của Phòng Thử nghiệm",
                "kind": "outgoing",
                "department_id": self.unit.id,
                "document_type_ids": [(6, 0, letter.ids)],
                "symbol_pattern": "{number}/{agency}-{unit}",
            }
        )
        company = self.env.company
        self.assertEqual(Register._find_for("outgoing", letter, self.unit, company), unit_register)
        self.assertEqual(
            Register._find_for("outgoing", letter, self.env["hr.department"], company),
            self.env.ref("moffice_documents.register_outgoing_letter"),
        )
        self.assertEqual(
            Register._find_for("outgoing", plan, self.unit, company),
            self.env.ref("moffice_documents.register_outgoing"),
        )

    def test_symbol_patterns(self):
        with self.assertRaises(ValidationError):
            self.env["moffice.register"].create({"name": "Sai", "kind": "outgoing", "symbol_pattern": "{so}/{agency}"})
        with self.assertRaises(ValidationError):
            self.env["moffice.register"].create(
                {"name": "Thiếu số", "kind": "outgoing", "symbol_pattern": "{type}-{agency}"}
            )
        register = self.env["moffice.register"].create(
            {"name": "Sổ", "kind": "outgoing", "symbol_pattern": "{number}/{type}-{agency}-{unit}"}
        )
        decision = self.env.ref("moffice_documents.type_outgoing_decision")
        self.assertEqual(
            register._format_reference(139, decision, self.unit, odoo.fields.Date.today()), "139/QĐ-SKHCN-PTN"
        )
        self.assertEqual(
            register._format_reference(7, decision, self.unit, odoo.fields.Date.today()), "07/QĐ-SKHCN-PTN"
        )
        with self.assertRaisesRegex(UserError, "drafting unit has no abbreviation"):
            register._format_reference(1, decision, self.env["hr.department"], odoo.fields.Date.today())

    def test_register_xlsx_and_pdf(self):
        document = self._routed()
        report = (
            self.env["moffice.register.report"]
            .with_user(self.clerk)
            .create(
                {
                    "register_id": document.register_id.id,
                    "date_from": document.date_registered.date() - timedelta(days=1),
                    "date_to": document.date_registered.date() + timedelta(days=1),
                }
            )
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            .with_context(lang="en_US")
            ._render("moffice_documents.action_report_register_xlsx", report.ids)
        )
        self.assertEqual(kind, "xlsx")
        cover, sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets
        self.assertEqual(cover.title, "Cover")
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertIn(["Arrival date", "Arrival number", "Author"], [row[:3] for row in values])
        row = next(row for row in values if row[3] == "101/UBND-VX")
        self.assertEqual(row[1], f"{document.register_number:02d}")
        self.assertEqual(row[2], "UBND tỉnh Thử nghiệm")
        self.assertIn("V/v báo cáo tình hình thực hiện nhiệm vụ", row[5])
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            ._render_qweb_html("moffice_documents.action_report_register_pdf", report.ids)
        )
        self.assertIn("101/UBND-VX", html.decode())

    def test_fortnight_registers_reach_the_clerks(self):
        self._routed()
        register = self.env.ref("moffice_documents.register_incoming")
        before = len(register.message_ids)
        self.env["moffice.register"]._cron_prepare_registers()
        message = register.message_ids[0]
        self.assertGreater(len(register.message_ids), before)
        self.assertIn(self.clerk.partner_id, message.partner_ids)
        self.assertTrue(message.attachment_ids[0].name.endswith(".xlsx"))

    def test_quarter_volume_period(self):
        register = self.env.ref("moffice_documents.register_incoming")
        with freeze_time("2027-01-02 01:00:00"):
            self.env["moffice.register"]._cron_bind_quarter()
        self.assertIn("01-10-2026 - 31-12-2026", register.message_ids[0].attachment_ids[0].name)


@tagged("post_install", "-at_install")
class TestConcurrentNumbering(MofficeDocumentCommon):
    """Two clerks registering at the same moment: numbers never repeat nor skip.

    Uses two real transactions, committed or rolled back like two requests
    (and cleaned up afterwards): concurrency cannot be shown inside the
    single transaction of a test.
    """

    def test_concurrent_registration_is_gap_free(self):
        registry = self.registry
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            register = env["moffice.register"].create({"name": "Sổ đồng thời", "kind": "incoming", "sequence": -1})
            issuer = env["res.partner"].create({"name": "Cơ quan đồng thời", "is_company": True})
            ids = {"register": register.id, "issuer": issuer.id}
        try:
            with registry.cursor() as cr1, registry.cursor() as cr2:
                env1 = odoo.api.Environment(cr1, odoo.SUPERUSER_ID, {})
                env2 = odoo.api.Environment(cr2, odoo.SUPERUSER_ID, {})
                first = self._new_incoming(env1, ids, "A")
                second = self._new_incoming(env2, ids, "B")
                cr1.commit()
                cr2.commit()
                second.read(["state"])  # the second request has begun before the first commits
                first.action_register()
                # The second clerk waits while the first one's transaction
                # holds the register, then takes the next number: no failure,
                # no retry, never the same number.
                waiting = threading.Thread(target=second.action_register)
                waiting.start()
                waiting.join(1)
                self.assertTrue(waiting.is_alive(), "the second registration must wait for the first")
                cr1.commit()
                waiting.join(20)
                self.assertFalse(waiting.is_alive())
                cr2.commit()
                self.assertEqual(first.register_number, 1)
                self.assertEqual(second.register_number, 2)

                # A registration that fails after taking its number gives the
                # number back: the next one reuses it, leaving no gap.
                third = self._new_incoming(env1, ids, "C")
                cr1.commit()
                third.action_register()
                self.assertEqual(third.register_number, 3)
                cr1.rollback()
                fourth = self._new_incoming(env2, ids, "D")
                fourth.action_register()
                cr2.commit()
                self.assertEqual(fourth.register_number, 3)

                # Waiting has a limit: a clerk blocked too long is told so and loses nothing.
                fifth = self._new_incoming(env1, ids, "E")
                sixth = self._new_incoming(env2, ids, "F")
                cr1.commit()
                cr2.commit()
                fifth.action_register()
                with (
                    patch.object(moffice_register, "NUMBER_LOCK_TIMEOUT", "200ms"),
                    self.assertRaisesRegex(UserError, "register Sổ đồng thời is busy"),
                ):
                    sixth.action_register()
                cr2.rollback()
                cr1.commit()
                sixth.invalidate_recordset()
                self.assertEqual((sixth.state, sixth.register_number), ("draft", 0))
                sixth.action_register()
                cr2.commit()
                self.assertEqual((fifth.register_number, sixth.register_number), (4, 5))
        finally:
            with registry.cursor() as cr:
                cr.execute(
                    "SELECT id FROM moffice_document WHERE register_id = %s OR issuer_id = %s",
                    [ids["register"], ids["issuer"]],
                )
                purge_documents(cr, [row[0] for row in cr.fetchall()])
                cr.execute("DELETE FROM moffice_register WHERE id = %s", [ids["register"]])
                cr.execute("DELETE FROM res_partner WHERE id = %s", [ids["issuer"]])

    @staticmethod
    def _new_incoming(env, ids, suffix):
        return env["moffice.document"].create(
            {
                "kind": "incoming",
                "summary": f"Văn bản đồng thời {suffix}",
                "issuer_id": ids["issuer"],
                "reference": f"{suffix}/CQ",
            }
        )

    def test_two_registers_never_number_alike(self):
        """Number and symbol are unique in the year whatever the register (Art. 15):
        a configuration that would give two documents the same is refused."""
        normative = self.env.ref("moffice_documents.type_decision_2")
        Register = self.env["moffice.register"]
        with self.assertRaises(ValidationError) as collision:
            Register.create(
                {
                    "name": "Sổ quyết định quy phạm",
                    "kind": "decision",
                    "symbol_pattern": "{number}/{type}-{agency}",
                    "document_type_ids": [(6, 0, normative.ids)],
                }
            )
        self.assertIn("01/QĐ-SKHCN", str(collision.exception))
        own = Register.create(
            {
                "name": "Sổ quyết định quy phạm",
                "kind": "decision",
                "symbol_pattern": "{number}/{year}/{type}-{agency}",
                "document_type_ids": [(6, 0, normative.ids)],
            }
        )
        self.assertEqual(
            own._format_reference(3, normative, self.unit, odoo.fields.Date.to_date("2026-05-04")), "03/2026/QĐ-SKHCN"
        )
        refusals = {
            "pattern": lambda: own.write({"symbol_pattern": "{number}/{type}-{agency}"}),
            "type restored": lambda: self.env.ref("moffice_documents.type_outgoing_decision").write({"active": True}),
            "abbreviation": lambda: self.env.ref("moffice_documents.type_outgoing_plan").write({"abbreviation": "QĐ"}),
        }
        for change, refused in refusals.items():
            with self.subTest(change=change), self.assertRaises(ValidationError) as caught:
                refused()
            self.assertIn("unique within the year", str(caught.exception))
