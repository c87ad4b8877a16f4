import re

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import xml_translate

# An English word: three letters or more without Vietnamese marks.
ENGLISH = re.compile(r"\b[A-Za-z]{3,}\b")
# What reads the same in both languages.
SAME = {"Office", "PDF", "XLSX", "Excel", "XML", "Email", "OCR", "SMS", "ISO", "RSS", "URL", "SHA"}
# Markup, placeholders of patterns and addresses are not words to translate.
NOT_WORDS = re.compile(r"<[^>]*>|&\w+;|\{\w*\}|https?://\S*")


@tagged("post_install", "-at_install")
class TestVietnameseInterface(TransactionCase):
    """No English left in the Vietnamese interface: every term of every
    M-Office view, menu and window action reads in Vietnamese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.modules = cls.env["ir.module.module"].search([("name", "=like", "moffice_%"), ("state", "=", "installed")])
        cls.modules._update_translations(["vi_VN"])

    def _records(self, model):
        data = self.env["ir.model.data"].search([("module", "in", self.modules.mapped("name")), ("model", "=", model)])
        return self.env[model].browse(data.mapped("res_id")).exists()

    @staticmethod
    def _english(text):
        return any(word not in SAME for word in ENGLISH.findall(NOT_WORDS.sub(" ", text or "")))

    def _terms(self, view, lang):
        terms = []
        xml_translate(lambda term: terms.append(term) or term, view.with_context(lang=lang).arch_db)
        return terms

    def test_every_view_reads_in_vietnamese(self):
        views = self._records("ir.ui.view")
        self.assertGreater(len(views), 100)
        untranslated = [
            f"{view.get_external_id()[view.id]}: {term}"
            for view in views
            for term in set(self._terms(view, "en_US")) & set(self._terms(view, "vi_VN"))
            if self._english(term)
        ]
        self.assertFalse(untranslated, "English left in the Vietnamese views:\n" + "\n".join(sorted(untranslated)))

    def test_every_menu_and_action_reads_in_vietnamese(self):
        untranslated = [
            f"{record.get_external_id()[record.id]}: {record.name}"
            for model in ("ir.ui.menu", "ir.actions.act_window", "ir.actions.client", "ir.actions.report")
            for record in self._records(model)
            if record.with_context(lang="vi_VN").name == record.with_context(lang="en_US").name
            and self._english(record.name)
        ]
        self.assertFalse(untranslated, "English left in the Vietnamese menus:\n" + "\n".join(sorted(untranslated)))
