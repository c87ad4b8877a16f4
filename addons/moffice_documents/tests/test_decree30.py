import io
from datetime import datetime

import psycopg2
from freezegun import freeze_time
from reportlab.pdfgen import canvas

import odoo
from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import MofficeDocumentCommon, purge_documents

ORGAN_ID = "000.00.31.H42"


def two_page_pdf():
    """A real PDF of two pages, as a scanner would make it."""
    stream = io.BytesIO()
    pdf = canvas.Canvas(stream)
    for page in ("Trang 1", "Trang 2"):
        pdf.drawString(72, 720, page)
        pdf.showPage()
    pdf.save()
    return stream.getvalue()


class Decree30Common(MofficeDocumentCommon):
    def _approved(self, **values):
        """An outgoing document a leader approved, waiting for the clerk."""
        values = {"kind": "outgoing", "document_type_id": self.outgoing_plan.id, **values}
        document = self._outgoing_draft(self.leader, **values)
        document.with_user(self.leader).action_submit()
        document.with_user(self.leader).action_approve()
        return document

    def _released(self, **values):
        document = self._approved(**values)
        document.with_user(self.clerk).action_release()
        return document


@tagged("post_install", "-at_install")
class TestIdentifierAndDataStandard(Decree30Common):
    """Appendix VI, III-1c/g/h and Part II: identifier code, auto fields, lengths."""

    def test_released_documents_get_their_identifier_code(self):
        document = self._released()
        self.assertEqual(document.identifier_code, f"{ORGAN_ID}.{document.register_year}.{document.reference}")
        with self.assertRaises(AccessError):
            document.with_user(self.clerk).write({"identifier_code": "sửa"})

    def test_no_release_without_the_agency_code(self):
        self.env.company.moffice_organ_id = False
        document = self._approved()
        with self.assertRaisesRegex(UserError, "agency code"):
            document.with_user(self.clerk).action_release()
        self.assertEqual(document.state, "approved")
        with self.assertRaisesRegex(ValidationError, "at most 13"):
            self.env.company.moffice_organ_id = "000.00.31.H42.X"

    def test_lengths_of_the_data_standard(self):
        with self.assertRaisesRegex(ValidationError, "at most 500"):
            self._incoming(summary="x" * 501)
        with self.assertRaisesRegex(ValidationError, "at most 50"):
            self._incoming(signer_name="Nguyễn " * 10)
        with self.assertRaisesRegex(ValidationError, "between 0 and 999"):
            self._incoming(page_count=1000)
        self.issuer.name = "Ủy ban " * 40
        with self.assertRaisesRegex(ValidationError, "at most 200"):
            self._incoming()
        with self.assertRaisesRegex(ValidationError, "100 characters"):
            self.env["moffice.document.type"].create({"name": "x" * 101, "abbreviation": "X", "category": "incoming"})

    def test_pages_are_counted_from_the_scan(self):
        scan = (
            self.env["ir.attachment"]
            .with_user(self.clerk)
            .create({"name": "scan.pdf", "raw": two_page_pdf(), "mimetype": "application/pdf"})
        )
        document = self._incoming(attachment_ids=[(6, 0, scan.ids)])
        self.assertEqual(document.page_count, 0)
        document.action_register()
        self.assertEqual(document.page_count, 2)

    def test_duplicate_identifier_code_is_announced(self):
        first = self._incoming(identifier_code="000.00.12.H42.2026.55/UBND-VX")
        first.action_register()
        second = self._incoming(reference="77/KHAC", identifier_code="000.00.12.H42.2026.55/UBND-VX")
        self.assertEqual(second.with_user(self.clerk).duplicate_count, 1)
        with self.assertRaisesRegex(UserError, "identifier code"):
            second.action_register()


@tagged("post_install", "-at_install")
class TestNumberingSeries(Decree30Common):
    """Art. 15, 22: confidential series, a series per type, unique numbers and symbols."""

    def _next_number(self, xmlid):
        register = self.env.ref(xmlid)
        year = fields.Date.context_today(register).year
        numbered = (
            self.env["moffice.document"]
            .sudo()
            .search([("register_id", "=", register.id), ("register_year", "=", year)])
        )
        return max(numbered.mapped("register_number"), default=0) + 1

    def test_confidential_documents_have_their_own_series(self):
        normal_number = self._next_number("moffice_documents.register_outgoing")
        secret_number = self._next_number("moffice_documents.register_outgoing_confidential")
        incoming_number = self._next_number("moffice_documents.register_incoming_confidential")
        normal = self._released()
        secret = self._released(confidentiality="secret")
        self.assertEqual(normal.register_id, self.env.ref("moffice_documents.register_outgoing"))
        self.assertEqual(secret.register_id, self.env.ref("moffice_documents.register_outgoing_confidential"))
        self.assertEqual((normal.register_number, secret.register_number), (normal_number, secret_number))
        self.assertEqual(secret.reference, f"{secret_number:02d}/KH-SKHCN-M")
        self.assertNotEqual(normal.reference, secret.reference)
        incoming = self._incoming(confidentiality="confidential")
        incoming.action_register()
        self.assertEqual(incoming.register_id, self.env.ref("moffice_documents.register_incoming_confidential"))
        self.assertEqual(incoming.register_number, incoming_number)

    def test_a_type_can_have_its_own_series(self):
        own = self.env["moffice.register"].create(
            {
                "name": "Sổ kế hoạch",
                "kind": "outgoing",
                "document_type_ids": [(6, 0, self.outgoing_plan.ids)],
                "symbol_pattern": "{number}/{type}-{agency}-{year}",
            }
        )
        document = self._released()
        self.assertEqual(document.register_id, own)
        self.assertEqual(document.reference, f"01/KH-SKHCN-{document.register_year}")

    def test_number_and_symbol_are_unique_across_registers(self):
        first = self._released()
        self.env["moffice.register"].create(
            {
                "name": "Sổ trùng ký hiệu",
                "kind": "outgoing",
                "document_type_ids": [(6, 0, self.outgoing_plan.ids)],
                "symbol_pattern": "{number}/{type}-{agency}",
            }
        )
        second = self._approved()
        with self.assertRaisesRegex(UserError, "already given this year by the register"):
            second.with_user(self.clerk).action_release()
        self.assertEqual((second.state, second.register_number), ("approved", 0))
        self.assertEqual(first.reference, "01/KH-SKHCN")


@tagged("post_install", "-at_install")
class TestUniqueSymbolUnderConcurrency(TransactionCase):
    """Two clerks releasing at the same moment through two registers that
    would give the same number and symbol: one wins, the other is refused by
    the database and gives its number back. Two real transactions."""

    def test_concurrent_release_never_repeats_a_symbol(self):
        registry = self.registry
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            organ_id = env.company.moffice_organ_id
            env.company.moffice_organ_id = ORGAN_ID
            # Two types sharing an abbreviation, each with its own register:
            # both registers would give 01/DT-SKHCN.
            types = env["moffice.document.type"].create(
                [{"name": f"Loại đồng thời {n}", "abbreviation": "DT", "category": "outgoing"} for n in (1, 2)]
            )
            registers = env["moffice.register"].create(
                [
                    {
                        "name": f"Sổ đồng thời {n}",
                        "kind": "outgoing",
                        "symbol_pattern": f"{{number}}/{{type}}-SKHCN{n}",
                        "document_type_ids": [(6, 0, kind.ids)],
                    }
                    for n, kind in enumerate(types)
                ]
            )
            # The registers' configuration check refuses such a pair; a
            # database configured before it existed may still hold one.
            env.flush_all()
            cr.execute(
                "UPDATE moffice_register SET symbol_pattern = %s WHERE id IN %s",
                ("{number}/{type}-SKHCN", tuple(registers.ids)),
            )
            registers.invalidate_recordset(["symbol_pattern"])
            documents = env["moffice.document"].create(
                [
                    {
                        "kind": "outgoing",
                        "summary": f"Văn bản đồng thời {n}",
                        "document_type_id": kind.id,
                        "recipients_note": "Nơi nhận",
                        "state": "approved",
                        "attachment_ids": [(0, 0, {"name": "ky.pdf", "raw": b"%PDF-1.4 ky"})],
                    }
                    for n, kind in enumerate(types)
                ]
            )
            ids = {
                "types": types.ids,
                "registers": registers.ids,
                "documents": documents.ids,
                "company": env.company.id,
                "organ_id": organ_id or None,
            }
        try:
            with registry.cursor() as cr1, registry.cursor() as cr2:
                first = odoo.api.Environment(cr1, odoo.SUPERUSER_ID, {})["moffice.document"].browse(ids["documents"][0])
                second = odoo.api.Environment(cr2, odoo.SUPERUSER_ID, {})["moffice.document"].browse(
                    ids["documents"][1]
                )
                second.read(["state"])  # the second request has begun before the first commits
                first.action_release()
                cr1.commit()
                with self.assertRaises(psycopg2.errors.UniqueViolation), mute_logger("odoo.sql_db"):
                    second.action_release()
                    second.env.flush_all()
                cr2.rollback()
                self.assertEqual(first.reference, "01/DT-SKHCN")
                second.invalidate_recordset()
                self.assertEqual((second.state, second.register_number), ("approved", 0))
                # Retried (a fresh snapshot), it is refused with the reason.
                with self.assertRaisesRegex(UserError, "already given this year"):
                    second.action_release()
                cr2.rollback()
                self.assertEqual(registers[1].with_env(second.env).next_number, 1)
        finally:
            with registry.cursor() as cr:
                purge_documents(cr, ids["documents"])
                cr.execute("DELETE FROM moffice_register WHERE id IN %s", [tuple(ids["registers"])])
                cr.execute("DELETE FROM moffice_document_type WHERE id IN %s", [tuple(ids["types"])])
                cr.execute(
                    "UPDATE res_company SET moffice_organ_id = %s WHERE id = %s", [ids["organ_id"], ids["company"]]
                )


@tagged("post_install", "-at_install")
class TestCopies(Decree30Common):
    """Art. 25-27: true copies, copies of copies, extracts."""

    def _copy(self, source, form="moffice_documents.type_copy_true", **values):
        scan = self._pdf(self.clerk, "ban-sao.pdf")
        return (
            self.env["moffice.document"]
            .with_user(self.clerk)
            .create(
                {
                    "kind": "copy",
                    "source_document_id": source.id,
                    "summary": source.summary,
                    "document_type_id": self.env.ref(form).id,
                    "confidentiality": source.confidentiality,
                    "leader_id": self.leader.id,
                    "recipient_ids": [(6, 0, self.recipient.ids)],
                    "attachment_ids": [(6, 0, scan.ids)],
                    **values,
                }
            )
        )

    def test_a_copy_is_authorised_numbered_and_listed_on_its_source(self):
        source = self._incoming()
        source.action_register()
        action = source.with_user(self.clerk).action_new_copy()
        self.assertEqual(action["context"]["default_source_document_id"], source.id)
        copy = self._copy(source)
        with self.assertRaises(AccessError):
            copy.with_user(self.specialist).action_submit()
        copy.with_user(self.clerk).action_submit()
        with self.assertRaises(AccessError):
            copy.with_user(self.clerk).action_approve()
        copy.with_user(self.leader).action_approve()
        self.assertEqual(copy.signer_id, self.leader)
        copy.with_user(self.clerk).action_release()
        self.assertEqual(copy.register_id, self.env.ref("moffice_documents.register_copy"))
        self.assertEqual(copy.reference, "01/SY-SKHCN")
        extract = self._copy(source, "moffice_documents.type_copy_extract")
        extract.with_user(self.clerk).action_submit()
        extract.with_user(self.leader).action_approve()
        extract.with_user(self.clerk).action_release()
        self.assertEqual(extract.reference, "02/TS-SKHCN")
        self.assertEqual(source.copy_ids, copy | extract)

    def test_copies_are_made_by_the_office_and_as_confidential_as_their_source(self):
        source = self._incoming(confidentiality="secret")
        source.action_register()
        with self.assertRaises(AccessError):
            self.env["moffice.document"].with_user(self.specialist).create(
                {"kind": "copy", "source_document_id": source.id, "summary": "Sao"}
            )
        with self.assertRaisesRegex(ValidationError, "at least as confidential"):
            self._copy(source, confidentiality="normal")
        with self.assertRaisesRegex(ValidationError, "names the document it copies"):
            self._copy(source, source_document_id=False)


@tagged("post_install", "-at_install")
class TestAmendmentAndRecall(Decree30Common):
    """Art. 18: replacement, correction, recall; Appendix VI, III-8."""

    def test_replacement_and_correction(self):
        released = self._released()
        with self.assertRaises(ValidationError) as refusal:
            self._approved(
                amended_document_id=released.id, amendment_type="replacement", document_type_id=self.outgoing_letter.id
            )
        self.assertIn("has its form", str(refusal.exception))
        with self.assertRaises(ValidationError) as refusal:
            self._approved(amended_document_id=released.id, amendment_type="correction")
        self.assertIn("official letter", str(refusal.exception))
        replacement = self._approved(amended_document_id=released.id, amendment_type="replacement")
        replacement.with_user(self.clerk).action_release()
        correction = self._approved(
            amended_document_id=released.id, amendment_type="correction", document_type_id=self.outgoing_letter.id
        )
        correction.with_user(self.clerk).action_release()
        self.assertEqual(released.amendment_ids, replacement | correction)
        bodies = " ".join(released.message_ids.mapped("body"))
        self.assertIn(f"Replaced by {replacement.display_name}", bodies)
        self.assertIn(f"Corrected by {correction.display_name}", bodies)

    def test_a_recalled_document_is_frozen(self):
        document = self._released()
        scan = document.attachment_ids
        with self.assertRaises(AccessError):
            document.with_user(self.clerk)._recall("Sai nội dung")
        with self.assertRaisesRegex(UserError, "why"):
            document.with_user(self.leader)._recall(" ")
        document.with_user(self.leader)._recall("Sai thẩm quyền ban hành.")
        self.assertEqual((document.state, document.recalled_by_id), ("recalled", self.leader))
        self.assertIn(self.recipient, document.message_ids[0].partner_ids)
        for user in (self.leader, self.clerk):
            for values in (
                {"is_notable": True},
                {"case_id": self.env["moffice.case"].create({"name": "V"}).id},
                {"summary": "Sửa"},
                {"active": False},
            ):
                with self.assertRaises(AccessError):
                    document.with_user(user).write(values)
            with self.assertRaisesRegex(UserError, "frozen"):
                scan.with_user(user).write({"name": "sua.pdf"})
            with self.assertRaisesRegex(UserError, "frozen"):
                scan.with_user(user).unlink()
        with self.assertRaisesRegex(UserError, "not possible"):
            document.with_user(self.leader)._cancel("Hủy")
        self.assertEqual((document.state, scan.name), ("recalled", "signed.pdf"))

    def test_an_incoming_document_its_issuer_recalls_is_withdrawn(self):
        document = self._routed()
        number = document.register_number
        self.assertTrue(self.env["moffice.document"].with_user(self.specialist).search([("id", "=", document.id)]))
        with self.assertRaises(AccessError):
            document.with_user(self.specialist)._withdraw("Thu hồi")
        document.with_user(self.clerk)._withdraw("UBND tỉnh thu hồi tại Công văn 12/UBND-VX.")
        self.assertEqual(document.state, "withdrawn")
        self.assertEqual(document.recalled_by_id, self.clerk)
        self.assertFalse(self.env["moffice.document"].with_user(self.specialist).search([("id", "=", document.id)]))
        self.assertTrue(self.env["moffice.document"].with_user(self.leader).search([("id", "=", document.id)]))
        self.assertEqual((document.register_number, document.reference), (number, "101/UBND-VX"))


@tagged("post_install", "-at_install")
class TestClerkDesk(Decree30Common):
    """Art. 18, 23: the clerk passes documents on by the next working day's end."""

    @freeze_time("2026-11-27 03:00:00")  # Friday 10:00 in Hà Nội
    def test_late_at_the_clerk_desk(self):
        document = self._incoming()
        document.action_register()
        self.assertEqual(document.date_clerk_due, datetime(2026, 11, 30, 10, 0))  # Monday 17:00
        urgent = self._incoming(reference="9/UBND-KT", urgency="flash")
        urgent.action_register()
        self.assertEqual(urgent.date_clerk_due, datetime(2026, 11, 27, 5, 0))  # two working hours later
        approved = self._approved()
        self.assertEqual(approved.date_clerk_due, datetime(2026, 11, 30, 10, 0))
        late_type = self.env.ref("moffice_documents.mail_activity_document_clerk_late")
        Document = self.env["moffice.document"]
        ours = [("id", "in", (document | urgent | approved).ids)]  # demo documents have desks of their own
        with freeze_time("2026-11-27 06:00:00"):
            self.assertEqual(Document.search([*ours, ("is_late_at_clerk", "=", True)]), urgent)
            Document._cron_alert_clerk_desk()
            Document._cron_alert_clerk_desk()
            alerts = urgent.activity_ids.filtered(lambda a: a.activity_type_id == late_type)
            clerks = self.env.company._moffice_users("clerk")
            self.assertIn(self.clerk, clerks)
            self.assertEqual(sorted(alerts.user_id.ids), sorted(clerks.ids))  # one each, not one per run
        with freeze_time("2026-11-30 11:00:00"):
            document.action_submit()
            self.assertFalse(document.date_clerk_due)
            self.assertEqual(Document.search([*ours, ("is_late_at_clerk", "=", True)]), urgent | approved)
            approved.with_user(self.clerk).action_release()
            self.assertFalse(approved.is_late_at_clerk)
