import csv
import io

from odoo import api, fields, models
from odoo.tools import file_open

from .roles import ROLE_GROUPS

MATRIX_FILE = "moffice_documents/data/permission_matrix.csv"


SECTIONS = [
    ("I", "I. Work management"),
    ("II", "II. Documents"),
    ("III", "III. M-Office management"),
    ("IV", "IV. E-mail"),
    ("V", "V. System"),
    ("VI", "VI. Catalogs"),
    ("VII", "VII. Access rights"),
    ("VIII", "VIII. Office utilities"),
    ("IX", "IX. M-Office help"),
]


class MofficePermission(models.Model):
    """One feature of the regulation's permission matrix (Article 3).

    Records are loaded from ``data/permission_matrix.csv``, a verbatim copy of
    the regulation's table; the addon that implements a feature links it to
    its menu and to the models and operations it governs (``access_ids``).
    """

    _name = "moffice.permission"
    _description = "M-Office permission (regulation feature)"
    _order = "section_sequence, number"
    _rec_name = "name_vi"

    key = fields.Char(required=True, readonly=True, index=True)
    section = fields.Selection(SECTIONS, required=True, readonly=True)
    section_sequence = fields.Integer(readonly=True)
    number = fields.Integer(string="No.", readonly=True, aggregator=None)
    name_vi = fields.Char(string="Feature", required=True, readonly=True)
    name_en = fields.Char(string="Feature (English)", required=True, readonly=True)
    document_admin = fields.Boolean(string="Document administrator", readonly=True)
    clerk = fields.Boolean(readonly=True)
    system_admin = fields.Boolean(string="System administrator", readonly=True)
    custodian = fields.Boolean(string="Original-document custodian", readonly=True)
    specialist = fields.Boolean(readonly=True)
    menu_id = fields.Many2one(
        "ir.ui.menu",
        ondelete="set null",
        help="The menu item that gives access to this feature.",
    )
    access_ids = fields.One2many(
        "moffice.permission.access",
        "permission_id",
        string="Governed models",
        help="The operations that the allowed roles get on each model, and that the other roles must not get.",
    )
    is_implemented = fields.Boolean(
        string="Implemented",
        compute="_compute_is_implemented",
        store=True,
    )

    _sql_constraints = [
        ("key_unique", "unique(key)", "Each matrix feature appears only once."),
    ]

    @api.depends("menu_id", "access_ids")
    def _compute_is_implemented(self):
        for permission in self:
            permission.is_implemented = bool(permission.menu_id or permission.access_ids)

    @api.model
    def _read_matrix(self):
        """Return the rows of the matrix file as dictionaries."""
        with file_open(MATRIX_FILE, "rb") as matrix:
            text = matrix.read().decode("utf-8")
        return list(csv.DictReader(io.StringIO(text)))

    @api.model
    def _load_matrix(self):
        """Create or update one record per matrix row, with a stable xml id."""
        section_sequence = {code: index for index, (code, _label) in enumerate(SECTIONS)}
        data_list = [
            {
                "xml_id": f"moffice_documents.permission_{row['key']}",
                "noupdate": False,
                "values": {
                    "key": row["key"],
                    "section": row["section"],
                    "section_sequence": section_sequence[row["section"]],
                    "number": int(row["no"]),
                    "name_vi": row["label_vi"],
                    "name_en": row["label_en"],
                    **{role: row[role] == "1" for role in ROLE_GROUPS},
                },
            }
            for row in self._read_matrix()
        ]
        return self._load_records(data_list, update=True)
