from odoo import _, _lt, api, fields, models

from .moffice_flow_mixin import Step
from .roles import ROLE_ADMIN

# A document administrator other than the one who changed the access.
OTHER_LEADER = "other_leader"
# Dates as Vietnamese write them, in the agency's time.
DATE_FORMAT = "%d/%m/%Y %H:%M"


class MofficeDocumentAccessChange(models.Model):
    """A change of who may read a document (Decree 30, Appendix VI-III-3c):
    readers added or removed by the step "Grant read access", kept and shown
    to the document administrators as a warning until one of them confirms it.

    The decree asks for the warning to last "until a competent person
    confirms it": the confirmation is a second look, so the document
    administrator who made the change may not confirm it; another one does
    (a department has a director and deputies). The records are made by the
    grant step only and nobody edits or deletes them.
    """

    _name = "moffice.document.access.change"
    _inherit = ["moffice.flow.mixin"]
    _description = "M-Office change of read access to a document"
    _order = "date desc, id desc"

    _flow_steps = (Step("confirm", _lt("Confirm"), ("pending",), "confirmed", (OTHER_LEADER,)),)
    _flow_relations = {OTHER_LEADER: _lt("a document administrator other than the one who changed the access")}
    _flow_initial_state = "pending"

    document_id = fields.Many2one("moffice.document", required=True, readonly=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Changed by", required=True, readonly=True, index=True)
    date = fields.Datetime(string="Changed on", required=True, readonly=True)
    added_user_ids = fields.Many2many(
        "res.users",
        "moffice_access_change_added_user_rel",
        "change_id",
        "user_id",
        string="Persons added",
        readonly=True,
    )
    removed_user_ids = fields.Many2many(
        "res.users",
        "moffice_access_change_removed_user_rel",
        "change_id",
        "user_id",
        string="Persons removed",
        readonly=True,
    )
    added_group_ids = fields.Many2many(
        "moffice.work.group",
        "moffice_access_change_added_group_rel",
        "change_id",
        "group_id",
        string="Work groups added",
        readonly=True,
    )
    removed_group_ids = fields.Many2many(
        "moffice.work.group",
        "moffice_access_change_removed_group_rel",
        "change_id",
        "group_id",
        string="Work groups removed",
        readonly=True,
    )
    state = fields.Selection(
        [("pending", "To confirm"), ("confirmed", "Confirmed")],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    confirmed_by_id = fields.Many2one("res.users", string="Confirmed by", readonly=True)
    date_confirmed = fields.Datetime(string="Confirmed on", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    summary = fields.Char(compute="_compute_summary", string="Change")
    can_confirm = fields.Boolean(compute="_compute_can_confirm")

    @api.depends("added_user_ids", "removed_user_ids", "added_group_ids", "removed_group_ids")
    def _compute_summary(self):
        for change in self:
            parts = []
            if change.added_user_ids or change.added_group_ids:
                names = change.added_user_ids.mapped("name") + change.added_group_ids.mapped("name")
                parts.append(_("added: %(names)s", names=", ".join(names)))
            if change.removed_user_ids or change.removed_group_ids:
                names = change.removed_user_ids.mapped("name") + change.removed_group_ids.mapped("name")
                parts.append(_("removed: %(names)s", names=", ".join(names)))
            change.summary = "; ".join(parts)

    @api.depends_context("uid")
    @api.depends("state", "user_id")
    def _compute_can_confirm(self):
        for change in self:
            change.can_confirm = change.state == "pending" and OTHER_LEADER in change._flow_tokens()

    @api.depends("document_id", "date")
    def _compute_display_name(self):
        for change in self:
            change.display_name = _(
                "Access to %(document)s changed on %(date)s",
                document=change.document_id.display_name,
                date=change._local_date(),
            )

    def _local_date(self):
        """When the change was made, in the agency's time, as Vietnamese write it."""
        return self.company_id._moffice_local(self.date).strftime(DATE_FORMAT) if self.date and self.company_id else ""

    def _flow_relations_held(self, user):
        if user != self.user_id and user.has_group(ROLE_ADMIN):
            return {OTHER_LEADER}
        return set()

    @api.model
    def _record(self, document, before_users, before_groups):
        """Record the change of ``document``'s readers since ``before_users``
        and ``before_groups``, if any, and warn the other document administrators."""
        after_users, after_groups = document.reader_user_ids, document.reader_group_ids
        values = {
            "added_user_ids": after_users - before_users,
            "removed_user_ids": before_users - after_users,
            "added_group_ids": after_groups - before_groups,
            "removed_group_ids": before_groups - after_groups,
        }
        if not any(values.values()):
            return self.browse()
        # Made by the grant step only, after its checks.
        change = self.sudo().create(
            {
                "document_id": document.id,
                "user_id": self.env.uid,
                "date": fields.Datetime.now(),
                "company_id": document.company_id.id,
                **{name: [fields.Command.set(records.ids)] for name, records in values.items()},
            }
        )
        document.sudo()._message_log(
            body=_("Read access changed by %(user)s: %(change)s", user=self.env.user.name, change=change.summary)
        )
        document._access_change_warn()
        return change

    def action_confirm(self):
        """Another document administrator confirms the change: the warning ends."""
        self._flow_check("confirm")
        for change in self:
            change._flow_step("confirm", {"confirmed_by_id": self.env.uid, "date_confirmed": fields.Datetime.now()})
            change.document_id.sudo()._message_log(
                body=_(
                    "Access change of %(date)s by %(user)s confirmed by %(confirmer)s.",
                    date=change._local_date(),
                    user=change.user_id.name,
                    confirmer=self.env.user.name,
                )
            )
        self.document_id._access_change_warn()
        return True
