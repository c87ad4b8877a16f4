import io

import lxml.html
import openpyxl

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase
from odoo.tools import SQL

from odoo.addons.moffice_documents.models.moffice_permission import ROLE_GROUPS


def visible_menu_ids(user):
    """The ids of the menus ``user`` may see."""
    return user.env["ir.ui.menu"].with_user(user)._visible_menu_ids()


def menu_shown(menu, visible_ids):
    """Whether ``menu`` shows: it and all its ancestors are visible."""
    while menu:
        if menu.id not in visible_ids:
            return False
        menu = menu.parent_id
    return True


class MofficeCommon(TransactionCase):
    """One user per M-Office role, each holding that role only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role_users = {
            role: new_test_user(
                cls.env,
                login=f"moffice_test_{role}",
                name=f"Test {role}",
                groups=xmlid,
                email=f"{role}@example.com",
            )
            for role, xmlid in ROLE_GROUPS.items()
        }

    _visible_menu_ids = staticmethod(visible_menu_ids)
    _menu_shown = staticmethod(menu_shown)


class MofficeDocumentCommon(MofficeCommon):
    """Role users plus what a document needs: an issuer, units, a scan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.moffice_abbreviation = "SKHCN"
        cls.env.company.moffice_organ_id = "000.00.31.H42"
        cls.env.company.resource_calendar_id.tz = "Asia/Ho_Chi_Minh"
        cls.issuer = cls.env["res.partner"].create(
            {"name": "UBND tỉnh Thử nghiệm", "is_company": True, "email": "ubnd@example.com"}
        )
        cls.unit = cls.env["hr.department"].create({"name": "Phòng Thử nghiệm", "moffice_code": "PTN"})
        cls.leader = cls.role_users["document_admin"]
        cls.clerk = cls.role_users["clerk"]
        cls.specialist = cls.role_users["specialist"]
        cls.other_specialist = new_test_user(
            cls.env, login="moffice_test_specialist_2", groups="moffice_documents.group_moffice_specialist"
        )
        cls.unit.manager_id = cls.env["hr.employee"].create(
            {"name": "Trưởng phòng Thử nghiệm", "user_id": cls.specialist.id, "department_id": cls.unit.id}
        )
        cls.letter_type = cls.env.ref("moffice_documents.type_incoming_letter")
        cls.outgoing_letter = cls.env.ref("moffice_documents.type_outgoing_letter")
        cls.outgoing_plan = cls.env.ref("moffice_documents.type_outgoing_plan")
        cls.recipient = cls.env["res.partner"].create(
            {"name": "Sở Tài chính Thử nghiệm", "is_company": True, "email": "stc@example.com"}
        )

    def _outgoing_draft(self, user=None, **values):
        """An outgoing letter drafted by ``user`` (a specialist by default), its signed PDF attached."""
        user = user or self.specialist
        return (
            self.env["moffice.document"]
            .with_user(user)
            .create(
                {
                    "kind": "draft",
                    "target_kind": "outgoing",
                    "summary": "V/v đề nghị cấp kinh phí",
                    "document_type_id": self.outgoing_letter.id,
                    "department_id": self.unit.id,
                    "leader_id": self.leader.id,
                    "recipient_ids": [(6, 0, self.recipient.ids)],
                    "attachment_ids": [(6, 0, self._pdf(user, "signed.pdf").ids)],
                    **values,
                }
            )
        )

    def _pdf(self, user, name):
        """A PDF as ``user`` uploads it."""
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create({"name": name, "raw": b"%PDF-1.4 " + name.encode(), "mimetype": "application/pdf"})
        )

    def _incoming(self, user=None, **values):
        """An incoming document as the clerk enters it, with its scan."""
        user = user or self.clerk
        scan = self._pdf(user, "scan.pdf")
        return (
            self.env["moffice.document"]
            .with_user(user)
            .create(
                {
                    "kind": "incoming",
                    "summary": "V/v báo cáo tình hình thực hiện nhiệm vụ",
                    "issuer_id": self.issuer.id,
                    "reference": "101/UBND-VX",
                    "date_document": "2026-11-20",
                    "document_type_id": self.letter_type.id,
                    "leader_id": self.leader.id,
                    "attachment_ids": [(6, 0, scan.ids)],
                    **values,
                }
            )
        )

    def _routed(self, reference="101/UBND-VX", **route):
        document = self._incoming(reference=reference)
        document.action_register()
        document.action_submit()
        document.with_user(self.leader)._route(
            {
                "direction": "Giao chuyên viên xử lý.",
                "lead_user_id": self.specialist.id,
                "date_deadline": "2026-12-31",
                **route,
            }
        )
        return document


def blank_to_text(value):
    """A spreadsheet cell as the tests compare it: an empty cell is ""."""
    return "" if value is None else value


class MofficeReportCommon(MofficeDocumentCommon):
    """Printing as a user: the XLSX cells and the HTML of the PDF reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write({"name": "Sở Thử nghiệm", "moffice_governing_body": "UBND tỉnh Thử nghiệm"})

    def _xlsx(self, action, records, user):
        """The sheets of the XLSX report ``action`` printed by ``user``: (names, rows of cell values)."""
        content, kind = (
            self.env["ir.actions.report"].with_user(user).with_context(lang="en_US")._render(action, records.ids)
        )
        self.assertEqual(kind, "xlsx")
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        sheets = [[[blank_to_text(cell.value) for cell in row] for row in sheet.iter_rows()] for sheet in workbook]
        return workbook.sheetnames, sheets

    def _html(self, action, records, user):
        """The HTML the PDF report ``action`` is made of, printed by ``user``, parsed."""
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang="en_US")
            ._render_qweb_html(action, records.ids)
        )
        return lxml.html.fromstring(html)

    @staticmethod
    def _texts(nodes):
        return [" ".join(node.text_content().split()) for node in nodes]

    def _table(self, table):
        """The header and the rows of an HTML table, as texts."""
        headers = self._texts(table.xpath("./thead//th"))
        return headers, [self._texts(row.xpath("./td")) for row in table.xpath("./tbody/tr")]

    def _answer(self, incoming, user=None, **values):
        """A draft outgoing letter answering ``incoming``, as its drafter writes it."""
        values = {"summary": "V/v trả lời báo cáo", "answered_document_ids": [(6, 0, incoming.ids)], **values}
        return self._outgoing_draft(user, **values)

    def _release(self, draft):
        """Submit, approve and release a draft, each step by its role."""
        draft.with_user(draft.owner_id).action_submit()
        draft.with_user(self.leader).action_approve()
        draft.with_user(self.clerk).action_release()
        return draft


class DeskCommon(MofficeDocumentCommon):
    """The desk as each user sees it, against counts made here by reading
    every record the user may read and filtering them in Python."""

    # key -> (model, predicate(record, user)): the meaning of each counter,
    # written independently of the desk's domains.
    expected = {}

    def _desk(self, user):
        desk = self.env["moffice.desk"].with_user(user).get_desk()
        return {block["key"]: {counter["key"]: counter for counter in block["counters"]} for block in desk["blocks"]}

    def _counts(self, user):
        return {key: counter["count"] for counters in self._desk(user).values() for key, counter in counters.items()}

    def _independent(self, user, key):
        model, predicate = self.expected[key]
        readable = self.env[model].with_user(user).search([])
        return len(readable.filtered(lambda record: predicate(record, user)))

    def assertDeskTrue(self, user):
        """Every counter of ``user``'s desk that has a meaning here equals the
        independent count, and opens exactly the records it counts."""
        counts = self._counts(user)
        checked = [key for key in counts if key in self.expected]
        self.assertTrue(checked)
        for key in checked:
            with self.subTest(user=user.login, counter=key):
                self.assertEqual(counts[key], self._independent(user, key))
                action = self.env["moffice.desk"].with_user(user).open_counter(key)
                self.assertEqual(
                    self.env[action["res_model"]].with_user(user).search_count(action["domain"]), counts[key]
                )
        return counts


def purge_documents(cr, ids):
    """Remove, as a test's cleanup after real commits, the documents ``ids``
    and what other addons made of them (archive items...)."""
    ids = tuple(ids)
    if not ids:
        return
    cr.execute(
        """SELECT c.conrelid::regclass::text, a.attname
             FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.confrelid = 'moffice_document'::regclass AND c.confdeltype IN ('a', 'r')"""
    )
    for table, column in cr.fetchall():
        cr.execute(SQL("DELETE FROM %s WHERE %s IN %s", SQL.identifier(table), SQL.identifier(column), ids))
    cr.execute("DELETE FROM ir_attachment WHERE res_model = 'moffice.document' AND res_id IN %s", [ids])
    cr.execute("DELETE FROM moffice_document WHERE id IN %s", [ids])
