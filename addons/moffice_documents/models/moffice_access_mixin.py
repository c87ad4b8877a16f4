from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

# How many records the full rebuild refreshes per statement.
REBUILD_BATCH = 50000


class MofficeAccessMixin(models.AbstractModel):
    """Who may read a record, kept in one indexed table (record × user).

    A record is read by the people it names (``_access_user_fields``), the
    heads of the units it names (``_access_unit_fields``), the members of the
    work groups it is granted to (``_access_group_fields``) and whoever
    ``_access_extra_sources`` adds. Record rules ask ``is_accessible``, which
    reads this one relation instead of OR-ing joins over all of them, so
    that a specialist's list costs about what a clerk's does. The rows of a
    record are rebuilt, in SQL, whenever one of its sources changes: on the
    record itself here, in units and work groups by their own models.
    """

    _name = "moffice.access.mixin"
    _description = "M-Office: who may read a record"

    _access_user_fields = ()
    _access_unit_fields = ()
    _access_group_fields = ()

    access_user_ids = fields.Many2many(
        "res.users",
        string="Involved users",
        readonly=True,
        copy=False,
        help="Technical: everyone the record is routed, shared or granted to, as record rules read it.",
    )

    is_accessible = fields.Boolean(
        compute="_compute_is_accessible",
        search="_search_is_accessible",
        string="Readable by me",
        help="Technical: whether the current user is in the record's access table; record rules ask it.",
    )

    def init(self):
        """An index covering what a list of granted records reads before it
        fetches its page: the id, the fields of the default order, the
        company and the archive flag (no table read for the user's thousands
        of ids, only for the 80 shown)."""
        super().init()
        if not self._auto:
            return
        names = [part.split()[0] for part in self._order.split(",")]
        covered = [
            name
            for name in dict.fromkeys([*names, "company_id", "active"])
            if name != "id" and name in self._fields and self._fields[name].store
        ]
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s (id) INCLUDE (%s)",
                SQL.identifier(f"{self._table}_access_cover_index"),
                SQL.identifier(self._table),
                SQL(", ").join(SQL.identifier(name) for name in covered),
            )
        )

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        """A page's ids first, then its fields: finding the page of a user's
        thousands of granted records reads the covering index, not their rows."""
        if not (limit and field_names):
            return super().search_fetch(domain, field_names, offset=offset, limit=limit, order=order)
        records = super().search_fetch(domain, [], offset=offset, limit=limit, order=order)
        if records:
            # The search applied the record rules; like search_fetch's single
            # query, the fetch of these ids does not apply them again (the
            # user's right to read each field is checked).
            records._fetch_query(records._as_query(ordered=False), records._determine_fields_to_fetch(field_names))
        return records

    @api.depends_context("uid")
    def _compute_is_accessible(self):
        field = self._fields["access_user_ids"]
        self.flush_recordset(["access_user_ids"])
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM %s WHERE %s = %s AND %s IN %s",
                SQL.identifier(field.column1),
                SQL.identifier(field.relation),
                SQL.identifier(field.column2),
                self.env.uid,
                SQL.identifier(field.column1),
                tuple(record.id for record in self if record.id) or (None,),
            )
        )
        granted = {row[0] for row in self.env.cr.fetchall()}
        for record in self:
            record.is_accessible = record.id in granted

    def _search_is_accessible(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field=self._fields["is_accessible"].string))
        field = self._fields["access_user_ids"]
        granted = SQL(
            "SELECT %s FROM %s WHERE %s = %s",
            SQL.identifier(field.column1),
            SQL.identifier(field.relation),
            SQL.identifier(field.column2),
            self.env.uid,
        )
        if (operator == "=") == value:
            # The user's ids first, then their records by id: the planner
            # does not walk the whole table looking for the few granted.
            return [("id", "=", SQL("ANY(ARRAY(%s))", granted))]
        return [("id", "not in", SQL("(%s)", granted))]

    def _access_readable_condition(self):
        """SQL condition on the record ``r`` for anyone to read it through this table."""
        return SQL("TRUE")

    def _access_extra_sources(self):
        """More SQL queries giving user ids for the record aliased ``r``."""
        return []

    @api.model
    def _access_trigger_fields(self):
        return {*self._access_user_fields, *self._access_unit_fields, *self._access_group_fields}

    @api.model
    def _access_sources(self):
        """One SQL query per source, each selecting user ids for ``r``."""
        sources = []
        for name in self._access_user_fields:
            field = self._fields[name]
            if field.type == "many2one":
                sources.append(SQL("SELECT r.%s", SQL.identifier(name)))
            else:
                sources.append(
                    SQL(
                        "SELECT %s FROM %s WHERE %s = r.id",
                        SQL.identifier(field.column2),
                        SQL.identifier(field.relation),
                        SQL.identifier(field.column1),
                    )
                )
        for name in self._access_unit_fields:
            sources.append(
                SQL(
                    "SELECT e.user_id FROM hr_department d JOIN hr_employee e ON e.id = d.manager_id WHERE d.id = r.%s",
                    SQL.identifier(name),
                )
            )
        members = self.env["moffice.work.group"]._fields["member_ids"]
        for name in self._access_group_fields:
            field = self._fields[name]
            sources.append(
                SQL(
                    "SELECT m.%s FROM %s g JOIN %s m ON m.%s = g.%s WHERE g.%s = r.id",
                    SQL.identifier(members.column2),
                    SQL.identifier(field.relation),
                    SQL.identifier(members.relation),
                    SQL.identifier(members.column1),
                    SQL.identifier(field.column2),
                    SQL.identifier(field.column1),
                )
            )
        return sources + self._access_extra_sources()

    def _access_refresh(self, new=False):
        """Rebuild the access rows of these records from their sources
        (``new``: records just created, which have none yet)."""
        ids = tuple(self.ids)
        if not ids:
            return
        self.env.flush_all()
        field = self._fields["access_user_ids"]
        relation, record_column, user_column = (
            SQL.identifier(field.relation),
            SQL.identifier(field.column1),
            SQL.identifier(field.column2),
        )
        if not new:
            self.env.cr.execute(SQL("DELETE FROM %s WHERE %s IN %s", relation, record_column, ids))
        self.env.cr.execute(
            SQL(
                """INSERT INTO %(relation)s (%(record_column)s, %(user_column)s)
               SELECT r.id, s.user_id FROM %(table)s r
               CROSS JOIN LATERAL (%(sources)s) AS s(user_id)
               WHERE r.id IN %(ids)s AND s.user_id IS NOT NULL AND %(readable)s
               ON CONFLICT DO NOTHING""",
                relation=relation,
                record_column=record_column,
                user_column=user_column,
                table=SQL.identifier(self._table),
                sources=SQL(" UNION ").join(self._access_sources()),
                readable=self._access_readable_condition(),
                ids=ids,
            )
        )
        self.invalidate_recordset(["access_user_ids"])

    @api.model
    def _access_rebuild(self):
        """Rebuild the whole table (installation, data loaded in bulk)."""
        self.env.cr.execute(SQL("SELECT id FROM %s ORDER BY id", SQL.identifier(self._table)))
        ids = [row[0] for row in self.env.cr.fetchall()]
        for start in range(0, len(ids), REBUILD_BATCH):
            self.browse(ids[start : start + REBUILD_BATCH])._access_refresh()

    @api.model
    def _access_naming(self, units=None, groups=None):
        """The records naming one of ``units`` (read by their heads) or ``groups``."""
        domains = [[(name, "in", units.ids)] for name in self._access_unit_fields if units] + [
            [(name, "in", groups.ids)] for name in self._access_group_fields if groups
        ]
        if not domains:
            return self.browse()
        return self.sudo().with_context(active_test=False).search(expression.OR(domains))

    @api.model
    def _access_models(self):
        """Every model keeping an access table."""
        return [
            self.env[name]
            for name in self.env.registry.descendants(["moffice.access.mixin"], "_inherit")
            if name != "moffice.access.mixin" and not self.env[name]._abstract
        ]

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._access_refresh(new=True)
        return records

    def write(self, vals):
        result = super().write(vals)
        if self._access_trigger_fields().intersection(vals):
            self._access_refresh()
        return result
