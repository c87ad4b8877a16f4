from odoo import _, api, fields, models


class MofficeArchiveLocation(models.Model):
    """A storage location of a unit's archive (địa chỉ lưu trữ, matrix VI.10):
    building, store room, shelf and box. Every archived file and every paper
    original is kept at one."""

    _name = "moffice.archive.location"
    _description = "Storage location"
    _order = "department_id, building, room, shelf, box, id"

    name = fields.Char(compute="_compute_name", store=True, index="trigram")
    department_id = fields.Many2one(
        "hr.department",
        string="Archive",
        required=True,
        index=True,
        help="The unit whose archive the location belongs to.",
    )
    building = fields.Char(required=True)
    room = fields.Char(string="Store room", required=True)
    shelf = fields.Char(required=True)
    box = fields.Char(required=True)
    active = fields.Boolean(default=True)
    is_intake = fields.Boolean(
        string="Intake",
        help="Where the archive's new paper originals are kept until a custodian shelves them.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    _sql_constraints = [
        (
            "address_unique",
            "unique(department_id, building, room, shelf, box)",
            "A storage location is in the catalog once.",
        ),
    ]

    @api.depends("building", "room", "shelf", "box")
    def _compute_name(self):
        for location in self:
            location.name = " / ".join(filter(None, [location.building, location.room, location.shelf, location.box]))

    @api.model
    def _intake_of(self, archive):
        """The intake of ``archive`` (a unit keeping an archive): made at its
        first original, so that every original always has a location."""
        intake = self.sudo().search([("department_id", "=", archive.id), ("is_intake", "=", True)], limit=1)
        return intake or self.sudo().create(
            {
                "department_id": archive.id,
                "building": archive.name,
                "room": _("Intake"),
                "shelf": _("To shelve"),
                "box": "-",
                "is_intake": True,
                "company_id": (archive.company_id or self.env.company).id,
            }
        )
