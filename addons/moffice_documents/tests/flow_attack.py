"""Attacks on a flow, generated from its declaration.

A test class names a flow model and says how to create a record of each
kind and how to take each step; everything else comes from the model's
``_flow_steps`` and ``_flow_editable``: every state of every kind is reached
by taking the declared steps, then every role tries, with plain
``write``/``create``/``unlink`` (the path JSON-RPC takes), every state and
kind jump and every field outside its allow-list, and every step it may not
take. A new state, step or field is attacked without touching the tests.
"""

from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import _applies, _is_empty

# Fields no user writes through the ORM and no flow guards.
SKIPPED_TYPES = ("binary", "properties", "properties_definition", "json", "reference", "many2one_reference")


class FlowAttackMixin:
    """To mix into a TransactionCase with ``role_users`` (MofficeCommon)."""

    # Odoo collects only a class's own test methods unless told otherwise.
    allow_inherited_tests_method = True
    flow_model = None

    def flow_kinds(self):
        kind_field = self.env[self.flow_model]._flow_kind_field
        if not kind_field:
            return [None]
        return [value for value, _label in self.env[self.flow_model]._fields[kind_field].selection]

    def flow_new(self, kind):
        """A new record of ``kind``, created by the user who would create it."""
        raise NotImplementedError

    def flow_create_values(self, kind):
        """Valid values to create a record of ``kind``."""
        raise NotImplementedError

    def flow_calls(self):
        """Step name -> function taking the step on a record (of the acting user)."""
        raise NotImplementedError

    def flow_relation_user(self, record, relation):
        """A user holding ``relation`` on ``record``."""
        raise NotImplementedError

    def flow_attackers(self):
        """Everyone who attacks: one user per role, and an outsider."""
        return dict(self.role_users, outsider=self.other_specialist)

    # ------------------------------------------------------------------------
    # reaching every state
    # ------------------------------------------------------------------------
    def _actor(self, record, step):
        for key in step.who:
            if key in self.role_users:
                return self.role_users[key]
            user = self.flow_relation_user(record, key)
            if user:
                return user
        self.fail(f"{self.flow_model}: nobody may take the step {step.name} on {record}")

    def _take(self, record, name):
        calls = self.flow_calls()
        self.assertIn(name, calls, f"{self.flow_model}: the test does not know how to take the step {name!r}")
        step = record._flow_find(name)
        actor = self._actor(record, step) if step.who else self.env.user
        calls[name](record.with_user(actor))
        record.invalidate_recordset()

    def _replay(self, kind, path):
        record = self.flow_new(kind).sudo()
        for name in path:
            self._take(record, name)
        return record

    def _states(self):
        """(kind, state) -> (the kind created, the steps that lead there),
        found once per class by taking every declared step from every state."""
        cls = type(self)
        if cls.__dict__.get("_flow_paths") is None:
            cls._flow_paths = self._explore()
        return cls._flow_paths

    def _explore(self):
        Model = self.env[self.flow_model]
        reached = {}
        for kind in self.flow_kinds():
            queue = [[]]
            while queue:
                path = queue.pop(0)
                record = self._replay(kind, path)
                key = (record._flow_kind(), record.state)
                if key in reached:
                    continue
                reached[key] = (kind, path)
                queue.extend(
                    path + [step.name]
                    for step in Model._flow_steps
                    if step.target
                    and step.target != record.state
                    and _applies(step.kinds, key[0])
                    and record.state in step.sources
                )
        targets = {Model._flow_initial_state} | {step.target for step in Model._flow_steps if step.target}
        missing = targets - {state for _kind, state in reached}
        self.assertFalse(missing, f"{self.flow_model}: states no declared step reaches: {missing}")
        return reached

    # ------------------------------------------------------------------------
    # values to attack with
    # ------------------------------------------------------------------------
    def _attacked_fields(self):
        Model = self.env[self.flow_model]
        free = Model._flow_free_fields()
        return [
            name
            for name, field in Model._fields.items()
            if field.store
            and field.type not in SKIPPED_TYPES
            and name not in free
            and name != "id"
            and not name.startswith(("create_", "write_"))
        ]

    def _other_value(self, record, name):
        """A value different from the current one, or None when there is none."""
        field = record._fields[name]
        old = record.sudo()[name]
        if field.type in ("char", "text", "html"):
            return "Sửa trộm"
        if field.type == "integer":
            return (old or 0) + 7
        if field.type in ("float", "monetary"):
            return (old or 0) + 1.5
        if field.type == "boolean":
            return not old
        if field.type == "date":
            return fields.Date.to_string(date(2031, 1, 2))
        if field.type == "datetime":
            return "2031-01-02 03:04:05"
        if field.type == "selection":
            options = [value for value, _label in field._description_selection(self.env) if value != old]
            return options[0] if options else None
        other = self.env[field.comodel_name].sudo().search([("id", "not in", old.ids)], limit=1)
        if field.type == "many2one":
            return other.id or None
        if other:
            # x2many: add a record, for a one2many taken from another parent
            return [fields.Command.link(other.id)]
        return [fields.Command.clear()] if old else None

    @staticmethod
    def _snapshot(record, name):
        record.invalidate_recordset()
        value = record.sudo()[name]
        return value.ids if hasattr(value, "ids") else value

    def _attempt(self, function, *args):
        """Call ``function(*args)`` in a savepoint: the UserError it raised, or None when it went through."""
        try:
            with self.env.cr.savepoint():
                function(*args)
        except UserError as error:
            return error
        return None

    @staticmethod
    def _may_write(record, user):
        """Whether record rules and access rights let ``user`` write ``record`` at all."""
        try:
            record.with_user(user).check_access("write")
        except AccessError:
            return False
        return True

    def _refused(self, record, user, vals, failures, label, guard_field=None, may_write=False):
        """Write ``vals`` as ``user``: it must be refused and change nothing.
        When the user may write the record at all, the refusal must be the
        flow's and name the field."""
        before = {name: self._snapshot(record, name) for name in vals}
        try:
            with self.env.cr.savepoint():
                record.with_user(user).write(vals)
        except AccessError as error:
            if may_write and guard_field:
                field_label = record._fields[guard_field]._description_string(self.env)
                if field_label not in str(error):
                    failures.append(f"{label}: refused without naming {guard_field}: {error}")
        else:
            failures.append(f"{label}: accepted")
        after = {name: self._snapshot(record, name) for name in vals}
        if after != before:
            failures.append(f"{label}: changed {before} into {after}")

    # ------------------------------------------------------------------------
    # the attacks
    # ------------------------------------------------------------------------
    def test_flow_forbidden_writes_are_refused(self):
        """Every role, in every state of every kind: state and kind jumps and
        every field outside the allow-list are refused by the flow (naming the
        field) and nothing changes; where the allow-list opens fields, record
        rules let the role write the record."""
        Model = self.env[self.flow_model]
        failures = []
        attacked = self._attacked_fields()
        for (kind, state), (created, path) in self._states().items():
            record = self._replay(created, path)
            states = [value for value, _label in Model._fields["state"].selection if value != state]
            for role, user in self.flow_attackers().items():
                allowed = record.with_user(user)._flow_editable_for(kind, state, record.with_user(user)._flow_tokens())
                may_write = self._may_write(record, user)
                where = f"{self.flow_model} {kind or ''} {state} as {role}"
                if allowed and not may_write:
                    failures.append(f"{where}: {sorted(allowed)} editable by the flow, but record rules refuse writing")
                for target in states:
                    self._refused(
                        record,
                        user,
                        {"state": target},
                        failures,
                        f"{where}: state -> {target}",
                        guard_field="state",
                        may_write=may_write,
                    )
                if Model._flow_kind_field:
                    for other in {value for value in self.flow_kinds() if value != kind}:
                        self._refused(
                            record,
                            user,
                            {Model._flow_kind_field: other},
                            failures,
                            f"{where}: kind -> {other}",
                            guard_field=Model._flow_kind_field,
                            may_write=may_write,
                        )
                for name in attacked:
                    value = self._other_value(record, name)
                    if value is None or name in allowed:
                        continue
                    self._refused(
                        record, user, {name: value}, failures, f"{where}: {name}", guard_field=name, may_write=may_write
                    )
        self.assertFalse(failures, "\n".join(failures))

    def test_flow_steps_are_refused_to_others(self):
        """Every declared step, from every state it starts in: refused to
        every role that may not take it (nothing changes); and every step is
        refused in a state it does not start from."""
        Model = self.env[self.flow_model]
        calls = self.flow_calls()
        failures = []
        for (kind, state), (created, path) in self._states().items():
            record = self._replay(created, path)
            for step in Model._flow_steps:
                if not _applies(step.kinds, kind):
                    continue
                self.assertIn(step.name, calls, f"{self.flow_model}: the test does not know how to take {step.name!r}")
                for role, user in self.flow_attackers().items():
                    tokens = record.with_user(user)._flow_tokens()
                    if state in step.sources and tokens.intersection(step.who):
                        continue
                    label = f"{self.flow_model} {kind or ''} {state}: {step.name} as {role}"
                    if self._attempt(calls[step.name], record.with_user(user)) is None:
                        failures.append(f"{label}: accepted")
                    record.invalidate_recordset()
                    if (record._flow_kind(), record.state) != (kind, state):
                        failures.append(f"{label}: moved to {record.state}")
        self.assertFalse(failures, "\n".join(failures))

    def test_flow_creation_starts_at_the_beginning(self):
        """Nobody creates a record past its initial state or with what the flow sets."""
        Model = self.env[self.flow_model]
        failures = []
        for kind in self.flow_kinds():
            template = self.flow_new(kind).sudo()
            values = self.flow_create_values(kind)
            states = [value for value, _label in Model._fields["state"].selection if value != Model._flow_initial_state]
            for role, user in self.flow_attackers().items():
                allowed = Model.with_user(user)._flow_creation_fields(kind)
                for state in states:
                    error = self._attempt(Model.with_user(user).create, {**values, "state": state})
                    if not isinstance(error, AccessError):
                        failures.append(f"{self.flow_model} {kind or ''}: created as {state} by {role}: {error}")
                for name in self._attacked_fields():
                    if name in allowed or name in values or name == "state":
                        continue
                    value = self._other_value(template, name)
                    if value is None or _is_empty(value) or name == Model._flow_kind_field:
                        continue  # an empty value gives a new record nothing
                    vals = {**values, name: value}
                    error = self._attempt(Model.with_user(user).create, vals)
                    if not isinstance(error, AccessError):
                        failures.append(f"{self.flow_model} {kind or ''}: created with {name} by {role}: {error}")
        self.assertFalse(failures, "\n".join(failures))


class FlowRecordsKeptMixin:
    """With FlowAttackMixin, for models whose records are never deleted once
    they have left their initial state (registers, logs, decisions)."""

    def test_flow_records_past_their_start_are_never_deleted(self):
        """Once a record has left its initial state, nobody deletes it."""
        failures = []
        for (kind, state), (created, path) in self._states().items():
            if not path:
                continue
            record = self._replay(created, path)
            for role, user in self.flow_attackers().items():
                if self._attempt(record.with_user(user).unlink) is None:
                    failures.append(f"{self.flow_model} {kind or ''} {state}: deleted by {role}")
        self.assertFalse(failures, "\n".join(failures))
