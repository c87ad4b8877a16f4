from odoo import models


class MofficeWizardMixin(models.AbstractModel):
    """Opens the small form that goes with a step of a flow (a reason, a
    routing, a report), with the records it applies to."""

    _name = "moffice.wizard.mixin"
    _description = "M-Office: open the form of a flow step"
    _wizard_records_field = None  # the wizard's many2many receiving the records

    def _open_wizard(self, model, name, **defaults):
        context = {f"default_{self._wizard_records_field}": self.ids}
        context.update({f"default_{key}": value for key, value in defaults.items()})
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }
