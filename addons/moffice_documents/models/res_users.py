from markupsafe import Markup, escape

from odoo import _, api, fields, models


class ResUsers(models.Model):
    """How M-Office reaches a person: Odoo's own choice between notifications
    in Odoo (the inbox and the phone's web push) and e-mail, plus a daily
    digest of what is not urgent."""

    _inherit = "res.users"

    moffice_notification_digest = fields.Boolean(
        string="Daily digest",
        help="Group what is not urgent into one notification at the end of the working day. "
        "Urgent documents and tasks are always notified at once.",
    )
    moffice_digest_date = fields.Datetime(string="Last digest", readonly=True, copy=False)

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["moffice_notification_digest"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["moffice_notification_digest"]

    def _moffice_unit(self):
        """The unit of the user's employee in the current company: its
        ``employee_id`` without reading the whole employee."""
        self.ensure_one()
        employee = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("user_id", "=", self.id), ("company_id", "=", self.env.company.id)], ["department_id"], limit=1
            )
        )
        return self.env["hr.department"].browse(employee.department_id.id)

    @api.model
    def _cron_moffice_digest(self):
        """Send each user who asked for a digest the work given to them since the last one."""
        flow = self.env.registry["moffice.flow.mixin"]
        models_ = [name for name, model in self.env.registry.items() if not model._abstract and issubclass(model, flow)]
        now = fields.Datetime.now()
        users = self.search([("moffice_notification_digest", "=", True), ("share", "=", False)])
        if not users:
            return
        domain = [("user_id", "in", users.ids), ("res_model", "in", models_)]
        if all(users.mapped("moffice_digest_date")):
            domain.append(("create_date", ">", min(users.mapped("moffice_digest_date"))))
        given = self.env["mail.activity"].sudo().search(domain, order="date_deadline, id").grouped("user_id")
        for user in users:
            since = user.moffice_digest_date
            activities = given.get(user, self.env["mail.activity"]).filtered(
                lambda activity, since=since: not since or activity.create_date > since
            )
            if activities:
                user.with_context(lang=user.lang)._moffice_send_digest(activities)
        users.sudo().moffice_digest_date = now

    def _moffice_send_digest(self, activities):
        self.ensure_one()
        lines = Markup().join(
            Markup("<li><b>%s</b>: %s (%s)</li>")
            % (
                activity.activity_type_id.name,
                escape(activity.res_name or ""),
                activity.date_deadline.strftime("%d/%m/%Y"),
            )
            for activity in activities
        )
        self.env["mail.thread"].sudo().message_notify(
            partner_ids=self.partner_id.ids,
            subject=_("M-Office: %(count)s new items await you", count=len(activities)),
            body=Markup("<p>%s</p><ul>%s</ul>") % (_("Given to you since the last digest:"), lines),
            email_layout_xmlid="mail.mail_notification_light",
        )
