from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _moffice_activate_language(self, code):
        """Activate ``code`` and load its translations for installed modules.

        Used by the demo department, whose staff work in Vietnamese.
        """
        self._activate_lang(code)
        installed = self.env["ir.module.module"].search([("state", "=", "installed")])
        installed._update_translations(code)
