import json
import logging
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

OPERATIONS = [("create", "Created"), ("write", "Changed"), ("unlink", "Deleted")]
# Besides the M-Office models: users, groups and the access settings.
LOGGED_MODELS = (
    "res.users",
    "res.groups",
    "ir.model.access",
    "ir.rule",
    "hr.department",
    "hr.employee",
    "res.company",
)
# M-Office models that are logs themselves (append-only, never changed by hand).
UNLOGGED_MODELS = (
    "moffice.activity.log",
    "moffice.usage.log",
    "moffice.document.access.log",
    "moffice.task.log",
    "moffice.backup",
)
# The key of the transaction's pending entries in its pre-commit data.
PENDING = "moffice_admin.activity_log"
# Values never written to the log.
SECRET_FIELDS = {"password", "new_password", "password_crypt", "totp_secret", "api_key_ids", "signature"}
IGNORED_FIELDS = {
    "write_date",
    "write_uid",
    "create_date",
    "create_uid",
    "access_user_ids",
    "message_main_attachment_id",
}
# How long a text value may be in the log.
VALUE_LENGTH = 500
# How many entries the purge deletes per transaction.
PURGE_BATCH = 10000
DEFAULT_RETENTION_YEARS = 5


def purge_before(cr, table, limit_date, batch=PURGE_BATCH, commit=True):
    """Delete the rows of the log ``table`` dated before ``limit_date``,
    ``batch`` at a time, each batch its own transaction (``commit``): only
    the deleted rows are locked, so new entries (and the records users
    change) never wait for it. Returns (rows deleted, batches)."""
    deleted = batches = 0
    while True:
        cr.execute(
            SQL(
                """DELETE FROM %(table)s WHERE id IN (
                       SELECT id FROM %(table)s WHERE date < %(limit)s ORDER BY date LIMIT %(batch)s
                       FOR UPDATE SKIP LOCKED)""",
                table=SQL.identifier(table),
                limit=limit_date,
                batch=batch,
            )
        )
        count = cr.rowcount
        deleted += count
        batches += 1
        if commit:
            cr.commit()  # pylint: disable=invalid-commit
        if count < batch:
            return deleted, batches


def _logged_model_names(registry):
    names = {
        name
        for name, model in registry.items()
        if name.startswith("moffice.") and not model._abstract and not model._transient and model._auto
    }
    return frozenset((names | set(LOGGED_MODELS)) - set(UNLOGGED_MODELS))


class MofficeActivityLog(models.Model):
    """Who created, changed or deleted what, with the old and new values
    (matrix V.1, "Activity log").

    Written by the ORM itself (``models/base.py``) for the M-Office models
    and for users, groups, access rights, record rules, units, staff and the
    agency, one INSERT per operation, whoever the caller is. Nobody creates,
    changes or deletes an entry (read-only access rights for everyone); the
    scheduled purge removes the entries older than the retention period, in
    batches. Everyone reads their own actions; leaders and the system
    administrator read everyone's.
    """

    _name = "moffice.activity.log"
    _description = "M-Office activity log"
    _order = "date desc, id desc"
    _log_access = False
    _rec_name = "record_name"

    date = fields.Datetime(required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", readonly=True, index=True, ondelete="set null")
    operation = fields.Selection(OPERATIONS, required=True, readonly=True)
    model = fields.Char(required=True, readonly=True, index=True)
    model_description = fields.Char(string="Kind of record", readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True, aggregator=None)
    record_name = fields.Char(string="Record", readonly=True, index="trigram")
    changes = fields.Json(
        string="Changed values", readonly=True, help="Technical: [field, label, old value, new value] per field."
    )
    changes_html = fields.Html(string="Changes", compute="_compute_changes_html", sanitize=False)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s (model, res_id)",
                SQL.identifier(f"{self._table}_record_index"),
                SQL.identifier(self._table),
            )
        )

    def _register_hook(self):
        super()._register_hook()
        self.pool._moffice_activity_models = _logged_model_names(self.pool)

    @api.depends("changes")
    def _compute_changes_html(self):
        for entry in self:
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>") % (label, old or "", new or "")
                for _name, label, old, new in entry.changes or []
            )
            entry.changes_html = Markup(
                '<table class="table table-sm"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead>'
                "<tbody>%s</tbody></table>"
            ) % (escape(_("Field")), escape(_("Old value")), escape(_("New value")), rows)

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------------
    # writing the log
    # ------------------------------------------------------------------------
    @api.model
    def _logged_fields(self, records, names):
        """The fields among ``names`` whose values the log keeps."""
        return [
            name
            for name in names
            if name in records._fields
            and name not in SECRET_FIELDS
            and name not in IGNORED_FIELDS
            and records._fields[name].store
            and records._fields[name].type not in ("binary", "one2many", "json", "properties")
        ]

    @api.model
    def _snapshot(self, records, names):
        """{id: {field: text}} of ``records`` (read as superuser)."""
        if not names:
            return {}
        records = records.sudo().with_context(active_test=False, prefetch_fields=False)
        snapshot = {}
        for record in records:
            snapshot[record.id] = {name: self._text(record, name) for name in names}
        return snapshot

    @api.model
    def _text(self, record, name):
        field = record._fields[name]
        value = record[name]
        if field.type == "many2one":
            return value.display_name or ""
        if field.type == "many2many":
            return ", ".join(value[:20].mapped("display_name")) + (" …" if len(value) > 20 else "")
        if field.type == "selection":
            return dict(field._description_selection(record.env)).get(value, value or "")
        if field.type == "boolean":
            return _("Yes") if value else _("No")
        if value is False or value is None:
            return ""
        return str(value)[:VALUE_LENGTH]

    @api.model
    def _pending(self):
        """What this transaction logs when it commits (or when the log is
        searched): {"rows": [row], "writes": {(model, uid, company, lang):
        {id: {"date": date, "before": {field: text}}}}}, plain values only
        (the test framework copies them)."""
        data = self.env.cr.precommit.data.get(PENDING)
        if data is None:
            data = self.env.cr.precommit.data[PENDING] = {"rows": [], "writes": {}}
            self.env.cr.precommit.add(self._flush_pending)
        return data

    @api.model
    def _record(self, records, operation, before=None, after=None, names=None):
        """Log ``operation`` on ``records`` by the current user: one row per
        record with the fields whose value changed (``before``/``after``:
        snapshots); ``names``: the names of deleted records. The rows are
        written with the transaction's others, in one INSERT."""
        rows = self._pending()["rows"]
        now = fields.Datetime.now()
        before, after = before or {}, after or {}
        for record in records:
            changes = self._changes(records, before.get(record.id, {}), after.get(record.id, {}))
            if operation == "write" and not changes:
                continue
            name = names[record.id] if names is not None else record.sudo().display_name
            rows.append((now, self.env.uid, operation, records._name, record.id, name, changes, self.env.company.id))

    @api.model
    def _changes(self, records, old, new):
        """[field, label, old text, new text] of the fields whose text changed."""
        return [
            [name, records._fields[name]._description_string(self.env), old.get(name, ""), new.get(name, "")]
            for name in dict.fromkeys([*old, *new])
            if old.get(name, "") != new.get(name, "")
        ]

    @api.model
    def _write_prepare(self, records, names):
        """Before ``records`` are written: the fields among ``names`` whose
        value before this transaction's first change is not known yet, and
        what to call once written to keep their old values. A record changed
        several times in a transaction gets one entry, from its first values
        to its last."""
        key = (records._name, self.env.uid, self.env.company.id, self.env.lang)
        writes = self._pending()["writes"].setdefault(key, {})
        new = [name for name in names if any(name not in writes.get(id_, {}).get("before", {}) for id_ in records.ids)]
        before = self._snapshot(records, new)

        def written():
            now = fields.Datetime.now()
            for record_id, values in before.items():
                kept = writes.setdefault(record_id, {"date": now, "before": {}})["before"]
                for name, text in values.items():
                    kept.setdefault(name, text)

        return written

    @api.model
    def _flush_writes(self, records=None):
        """Turn the pending changes (of ``records`` only, if given) into rows,
        comparing the first values with the current ones."""
        data = self.env.cr.precommit.data.get(PENDING)
        if not data:
            return
        for (model, uid, company, lang), pending in data["writes"].items():
            if records is not None and model != records._name:
                continue
            ids = list(pending) if records is None else [id_ for id_ in records.ids if id_ in pending]
            entries = {id_: pending.pop(id_) for id_ in ids}
            log = self.with_env(self.env(user=uid, context=dict(self.env.context, lang=lang)))
            targets = log.env[model].browse(ids).sudo().with_context(active_test=False).exists()
            names = list(dict.fromkeys(name for entry in entries.values() for name in entry["before"]))
            after = self._snapshot(targets, names)
            for record in targets:
                entry = entries[record.id]
                current = {name: after[record.id][name] for name in entry["before"]}
                changes = log._changes(targets, entry["before"], current)
                if changes:
                    data["rows"].append(
                        (entry["date"], uid, "write", model, record.id, record.display_name, changes, company)
                    )

    @api.model
    def _flush_pending(self):
        """Write the transaction's pending entries, in one INSERT. A savepoint
        writes those made before it; rolled back, it drops those made inside
        (Odoo's flushing savepoints run or clear the pre-commit hooks)."""
        self._flush_writes()
        data = self.env.cr.precommit.data.pop(PENDING, None)
        # Reading the last values may have computed stored fields: this runs
        # after the transaction's last flush, so store them now.
        self.env.flush_all()
        if not data or not data["rows"]:
            return
        values = [
            SQL(
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                date,
                uid,
                operation,
                model,
                self.env[model]._description,
                record_id,
                (name or "")[:VALUE_LENGTH],
                json.dumps(changes, ensure_ascii=False),
                company,
            )
            for date, uid, operation, model, record_id, name, changes, company in data["rows"]
        ]
        self.env.cr.execute(
            SQL(
                """INSERT INTO %s (date, user_id, operation, model, model_description, res_id, record_name,
                                       changes, company_id)
                       VALUES %s""",
                SQL.identifier(self._table),
                SQL(", ").join(values),
            )
        )

    def flush_model(self, fnames=None):
        # What the transaction logged so far is found by the log's searches.
        self._flush_pending()
        return super().flush_model(fnames)

    # ------------------------------------------------------------------------
    # the purge
    # ------------------------------------------------------------------------
    @api.model
    def _retention_limit(self):
        years = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("moffice_admin.log_retention_years", DEFAULT_RETENTION_YEARS)
        )
        return fields.Datetime.now() - timedelta(days=round(365.25 * max(years, 1)))

    @api.model
    def _cron_purge(self):
        """Every night: the activity and usage logs older than the retention period go."""
        limit_date = self._retention_limit()
        for model in (self, self.env["moffice.usage.log"]):
            deleted, _batches = purge_before(self.env.cr, model._table, limit_date)
            _logger.info("%s: %s entries older than %s purged", model._name, deleted, limit_date)
