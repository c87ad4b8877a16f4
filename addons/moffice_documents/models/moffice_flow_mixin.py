from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.text import clean_text
from .roles import ROLE_GROUPS

# The dates a person can mean (a document, a deadline): anything outside is a typing error.
FIRST_DATE = date(1900, 1, 1)
YEARS_AHEAD = 10
RELATIONAL = ("many2one", "one2many", "many2many")


@dataclass(frozen=True, eq=False)
class Step:
    """A step of a flow: records of ``kinds`` (None: every kind) in one of the
    ``sources`` states move to ``target`` (None: the state stays), taken by a
    user holding one of ``who``: role keys of ``ROLE_GROUPS`` or relations
    to the record that the model names in ``_flow_relations``."""

    name: str
    label: object
    sources: tuple
    target: str | None
    who: tuple
    kinds: tuple | None = None


@dataclass(frozen=True, eq=False)
class Editable:
    """What may still be edited by hand: ``fields`` of records of ``kinds``
    (None: every kind) in ``states`` (None: every state), by the users holding
    one of ``who`` (roles or relations, as in ``Step``)."""

    fields: tuple
    who: tuple
    states: tuple | None = None
    kinds: tuple | None = None


def _applies(allowed, value):
    return allowed is None or value in allowed


def _is_empty(value):
    """A value that gives nothing: what a form sends for an empty field."""
    if not value:
        return True
    return isinstance(value, (list, tuple)) and all(
        isinstance(command, (list, tuple)) and command[0] in (5, 6) and not command[-1] for command in value
    )


class MofficeFlowMixin(models.AbstractModel):
    """One mechanism for every flow of M-Office.

    A model with a flow declares its steps once (``_flow_steps``) and what
    each role may still edit by hand in each state (``_flow_editable``).
    ``write`` and ``create`` refuse everything else to every caller but the
    flow itself: a state, a kind or any field outside the allow-list changes
    only through ``_flow_step``, which checks that the step is declared for
    the record's kind and state and that the user may take it, then writes
    as the flow. Superuser code (data files, scheduled actions) is trusted.
    """

    _name = "moffice.flow.mixin"
    _description = "M-Office flow"

    _flow_steps = ()
    _flow_editable = ()
    # Relation key -> label, e.g. {"owner": _lt("the drafter")}; a model
    # says who holds them in _flow_relations_held.
    _flow_relations = {}
    # The relations the creator of a record holds on it (e.g. owner).
    _flow_creator = ()
    # The field selecting a record's flow (documents: their kind).
    _flow_kind_field = None
    _flow_initial_state = "draft"
    # Text fields stored and searched clean (NFC, no zero-width characters).
    _flow_text_fields = ()

    flow_editable_fields = fields.Char(
        compute="_compute_flow_editable_fields",
        string="Fields editable now",
        help="Technical: the fields the current user may change by hand, for the form view.",
    )

    # ------------------------------------------------------------------------
    # who is who
    # ------------------------------------------------------------------------
    @api.model
    def _flow_roles(self):
        """The role keys (ROLE_GROUPS) the current user holds."""
        user = self.env.user
        return {role for role, xmlid in ROLE_GROUPS.items() if user.has_group(xmlid)}

    def _flow_relations_held(self, user):
        """The relations (keys of ``_flow_relations``) ``user`` holds on this record."""
        return set()

    def _flow_tokens(self):
        """The roles and relations the current user holds on this record (the
        relations are facts read whatever the user may see)."""
        self.ensure_one()
        return self._flow_roles() | self.sudo()._flow_relations_held(self.env.user)

    @api.model
    def _flow_who_label(self, who):
        if not who:
            return _("the system alone (scheduled actions)")
        labels = []
        for key in who:
            if key in ROLE_GROUPS:
                labels.append(self.env.ref(ROLE_GROUPS[key]).name)
            else:
                labels.append(str(self._flow_relations[key]))
        return ", ".join(labels)

    def _flow_kind(self):
        return self[self._flow_kind_field] if self._flow_kind_field else None

    def _flow_label(self):
        """The record and its state, as errors name them."""
        self.ensure_one()
        state = dict(self._fields["state"]._description_selection(self.env)).get(self.state, self.state)
        return _("%(record)s (%(state)s)", record=self.display_name, state=state)

    # ------------------------------------------------------------------------
    # the allow-list: what may be edited by hand
    # ------------------------------------------------------------------------
    @api.model
    def _flow_editable_for(self, kind, state, tokens):
        return {
            name
            for rule in self._flow_editable
            if _applies(rule.kinds, kind) and _applies(rule.states, state) and tokens.intersection(rule.who)
            for name in rule.fields
        }

    @api.model
    def _flow_free_fields(self):
        """Fields outside the flow: followers, activities and messages keep
        their own access checks (mail mixins)."""
        free = {"flow_editable_fields"}
        for mixin in ("mail.thread", "mail.activity.mixin", "mail.thread.main.attachment"):
            free.update(self.env[mixin]._fields)
        return free - set(models.MAGIC_COLUMNS) - {"display_name"}

    @api.depends_context("uid")
    @api.depends(lambda self: ["state", self._flow_kind_field] if self._flow_kind_field else ["state"])
    def _compute_flow_editable_fields(self):
        for record in self:
            if record.id:
                names = record._flow_editable_for(record._flow_kind(), record.state, record._flow_tokens())
            else:
                names = self._flow_creation_fields(record._flow_kind())
            record.flow_editable_fields = f",{','.join(sorted(names))},"

    @api.model
    def _flow_creation_fields(self, kind):
        """What the creator of a record of ``kind`` may give it: what they may
        edit in the initial state, and its kind and company."""
        names = self._flow_editable_for(kind, self._flow_initial_state, self._flow_roles() | set(self._flow_creator))
        return names | {"company_id", self._flow_kind_field} - {None}

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            self._flow_mark_readonly(arch)
        return arch, view

    @api.model
    def _flow_mark_readonly(self, arch):
        """In a form, what the user may not change by hand now shows read-only:
        the view asks ``flow_editable_fields``, the allow-list itself."""
        free = self._flow_free_fields()
        nodes = [
            node for node in arch.iter("field") if not any(parent.tag == "field" for parent in node.iterancestors())
        ]
        for node in nodes:
            name = node.get("name")
            field = self._fields.get(name)
            if not field or field.readonly or name in free or node.get("readonly") in ("1", "True"):
                continue
            condition = f"',{name},' not in flow_editable_fields"
            node.set("readonly", f"({node.get('readonly')}) or {condition}" if node.get("readonly") else condition)
        if not any(node.get("name") == "flow_editable_fields" for node in nodes):
            arch.append(etree.Element("field", name="flow_editable_fields", invisible="1"))

    def _flow_refusal(self, names):
        labels = ", ".join(sorted(self._fields[name]._description_string(self.env) for name in names))
        return _(
            "%(record)s: you may not change %(fields)s by hand. It changes only through the steps of its "
            "flow (the buttons), taken by the people the regulation names.",
            record=self._flow_label(),
            fields=labels,
        )

    def write(self, vals):
        if not self.env.su:
            self._flow_check_values(vals)
            self._flow_check_write(set(vals))
        return super().write(self._flow_clean(vals))

    def _flow_check_write(self, names):
        names = names - self._flow_free_fields()
        if not names:
            return
        for record in self:
            refused = names - record._flow_editable_for(record._flow_kind(), record.state, record._flow_tokens())
            if refused:
                raise AccessError(record._flow_refusal(refused))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._flow_check_values(vals)
                self._flow_check_create(vals)
        return super().create([self._flow_clean(vals) for vals in vals_list])

    # ------------------------------------------------------------------------
    # bad input: clear messages before anything is written
    # ------------------------------------------------------------------------
    @api.model
    def _flow_clean(self, vals):
        """``vals`` with its text fields clean (``tools.text``); a required one
        left empty is refused."""
        cleaned = dict(vals)
        for name in set(self._flow_text_fields).intersection(vals):
            cleaned[name] = value = clean_text(vals[name])
            if self._fields[name].required and not (value.strip() if isinstance(value, str) else value):
                raise ValidationError(
                    _("%(field)s cannot be empty.", field=self._fields[name]._description_string(self.env))
                )
        return cleaned

    def _condition_to_sql(self, alias, fname, operator, value, query):
        """Searches compare clean text with clean text."""
        if fname in self._flow_text_fields:
            value = [clean_text(item) for item in value] if isinstance(value, (list, tuple)) else clean_text(value)
        return super()._condition_to_sql(alias, fname, operator, value, query)

    @api.model
    def _flow_check_values(self, vals):
        """Refuse what a form never sends: unknown fields, values of the wrong
        type, records that do not exist, dates nobody means."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                raise ValidationError(_("%(model)s has no field %(field)s.", model=self._description, field=name))
            if value is False or value is None:
                continue
            if not self._flow_value_fits(field, value):
                raise ValidationError(
                    _(
                        "%(field)s cannot take the value %(value)s: enter it as the form asks (text, a number, "
                        "a date such as 2026-12-31, or an item of its list).",
                        field=field._description_string(self.env),
                        value=repr(value)[:80],
                    )
                )
            if field.type == "many2one" and not self._flow_record_exists(field, value):
                raise ValidationError(
                    _(
                        "%(field)s: the record %(value)s does not exist (any more). Reload the page and choose again.",
                        field=field._description_string(self.env),
                        value=value,
                    )
                )
        self._flow_check_dates(vals)

    @api.model
    def _flow_value_fits(self, field, value):
        if field.type in ("char", "text", "html"):
            return isinstance(value, str)
        if isinstance(value, models.BaseModel):
            return field.type in RELATIONAL and value._name == field.comodel_name
        if field.type == "many2one":
            return isinstance(value, int) and not isinstance(value, bool)
        if field.type in RELATIONAL:
            return isinstance(value, (list, tuple)) and all(
                isinstance(item, int) or (isinstance(item, (list, tuple)) and item and item[0] in range(7))
                for item in value
            )
        try:
            field.convert_to_cache(value, self.browse())
        except (ValueError, TypeError, OverflowError):
            return False
        return True

    @api.model
    def _flow_record_exists(self, field, value):
        record_id = value.id if isinstance(value, models.BaseModel) else value
        return bool(self.env[field.comodel_name].sudo().browse(record_id).exists())

    @api.model
    def _flow_check_dates(self, vals):
        """Dates between 1900 and ten years ahead: year 1800 or 2999 is a typing error."""
        last = fields.Date.today() + relativedelta(years=YEARS_AHEAD)
        for name, value in vals.items():
            field = self._fields.get(name)
            if not value or field is None or field.type not in ("date", "datetime"):
                continue
            day = fields.Date.to_date(field.convert_to_cache(value, self.browse()))
            if not FIRST_DATE <= day <= last:
                raise ValidationError(
                    _(
                        "%(field)s: %(date)s is not a date this office can use; give a date between "
                        "%(first)s and %(last)s.",
                        field=field._description_string(self.env),
                        date=day.strftime("%d/%m/%Y"),
                        first=FIRST_DATE.strftime("%d/%m/%Y"),
                        last=last.strftime("%d/%m/%Y"),
                    )
                )

    @api.model
    def _flow_check_create(self, vals):
        """A new record starts in the initial state, with only what its
        creator may edit in that state (values equal to the defaults aside)."""
        kind = None
        if self._flow_kind_field:
            kind = vals.get(self._flow_kind_field) or self.default_get([self._flow_kind_field]).get(
                self._flow_kind_field
            )
        if vals.get("state", self._flow_initial_state) != self._flow_initial_state:
            raise AccessError(
                _(
                    "A new %(model)s starts as %(state)s; it moves on only through the steps of its flow.",
                    model=self._description,
                    state=dict(self._fields["state"]._description_selection(self.env))[self._flow_initial_state],
                )
            )
        allowed = self._flow_creation_fields(kind) | self._flow_free_fields() | {"state"}
        rest = [name for name in vals if name not in allowed]
        if rest:
            defaults = self.default_get(rest)
            refused = {
                name
                for name in rest
                if vals[name] != defaults.get(name) and not (_is_empty(vals[name]) and _is_empty(defaults.get(name)))
            }
            if refused:
                labels = ", ".join(sorted(self._fields[name]._description_string(self.env) for name in refused))
                raise AccessError(
                    _(
                        "You may not set %(fields)s when creating a %(model)s: they are set by the steps of its flow.",
                        fields=labels,
                        model=self._description,
                    )
                )

    # ------------------------------------------------------------------------
    # steps
    # ------------------------------------------------------------------------
    def _flow_find(self, name):
        """The step ``name`` as it applies to this record now, or a clear refusal."""
        self.ensure_one()
        kind, state = self._flow_kind(), self.state
        steps = [step for step in self._flow_steps if step.name == name and _applies(step.kinds, kind)]
        if not steps:
            kinds = dict(self._fields[self._flow_kind_field]._description_selection(self.env)) if kind else {}
            raise UserError(_("This action does not apply to a %(kind)s.", kind=kinds.get(kind, self._description)))
        for step in steps:
            if state in step.sources:
                return step
        raise UserError(
            _("%(record)s: %(step)s is not possible in this state.", record=self._flow_label(), step=steps[0].label)
        )

    def _flow_check(self, name):
        """Refuse the step ``name`` unless it applies to every record of
        ``self`` and the current user may take it."""
        for record in self:
            step = record._flow_find(name)
            if not self.env.su and not record._flow_tokens().intersection(step.who):
                raise AccessError(
                    _(
                        "%(step)s on %(record)s is for %(who)s.",
                        step=step.label,
                        record=record.display_name,
                        who=record._flow_who_label(step.who),
                    )
                )
        if not self.env.su:
            self.check_access("read")

    def _flow_step(self, name, values=None, **trace):
        """Take the step ``name``: check it, then write its target state and
        ``values`` as the flow (the user may not edit these by hand).
        ``trace`` goes to ``_flow_after_step`` (e.g. the note of a log entry)."""
        self._flow_check(name)
        self._flow_check_dates(values or {})
        by_step = {}
        for record in self:
            step = record._flow_find(name)
            by_step[step] = by_step.get(step, self.browse()) | record
        for step, records in by_step.items():
            vals = dict(values or {})
            if step.target:
                vals["state"] = step.target
            if vals:
                records.sudo().write(vals)
            records._flow_after_step(step, **trace)
        return True

    def _flow_after_step(self, step, **trace):
        """Hook: what every step of this model leaves behind (tasks log it)."""
        return None

    def _flow_log(self, body):
        """Tell in the record's chatter what the step just taken did: ``body``
        heads the step's tracking message (one message with the values the
        step changed), or is a message of its own when they are not tracked."""
        self.ensure_one()
        context = self.env.context
        if "state" in self._track_get_fields() and not (context.get("tracking_disable") or context.get("mail_notrack")):
            self._track_set_log_message(body)
        else:
            self._message_log(body=body)

    # ------------------------------------------------------------------------
    # helpers every flow uses
    # ------------------------------------------------------------------------
    def _flow_company(self):
        return self.company_id if "company_id" in self._fields and self.company_id else self.env.company

    def _flow_users(self, role):
        """The active users of the record's company holding the role ``role``."""
        return self[:1]._flow_company()._moffice_users(role)

    def _flow_is_urgent(self):
        """Hook: whether the record is urgent (notified at once, never in a digest)."""
        return False

    def _flow_schedule(self, activity_xmlid, users, note=None, deadline=None):
        """Ask ``users`` to act next (one activity each), and let them follow.

        Each is notified at once (in Odoo and on their phone, or by e-mail,
        as they chose), unless they asked for a digest and it is not urgent.
        """
        for record in self:
            record.sudo().message_subscribe(partner_ids=users.partner_id.ids)
            urgent = record.sudo()._flow_is_urgent()
            for user in users:
                later = user.moffice_notification_digest and not urgent
                record.sudo().with_context(mail_activity_quick_update=later).activity_schedule(
                    activity_xmlid,
                    user_id=user.id,
                    note=note,
                    date_deadline=deadline or fields.Date.context_today(record),
                )

    def _flow_done(self, *activity_xmlids, users=None):
        """Mark the activities of these types as done (for ``users`` only if given).

        The flow closes the step for everyone it was asked of, including
        activities of other users the current one may not see.
        """
        type_ids = [self.env.ref(xmlid).id for xmlid in activity_xmlids]
        self.sudo().activity_ids.filtered(
            lambda activity: activity.activity_type_id.id in type_ids and (users is None or activity.user_id in users)
        ).action_feedback()
