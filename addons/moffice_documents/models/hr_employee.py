from odoo import api, models


class HrEmployee(models.Model):
    """Staff join the channel of their unit, and leave it when they move; a
    unit head's login reads what the unit handles."""

    _inherit = "hr.employee"

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        for employee in employees.filtered(lambda employee: employee.user_id and employee.department_id):
            employee.department_id._moffice_join_channel(employee.user_id)
        return employees

    def write(self, vals):
        if not {"department_id", "user_id"} & set(vals):
            return super().write(vals)
        before = {employee: (employee.department_id, employee.user_id) for employee in self}
        result = super().write(vals)
        if "user_id" in vals:
            self.env["hr.department"].search([("manager_id", "in", self.ids)])._moffice_heads_changed()
        for employee, (unit, user) in before.items():
            if (unit, user) != (employee.department_id, employee.user_id):
                unit._moffice_leave_channel(user)
                employee.department_id._moffice_join_channel(employee.user_id)
        return result
