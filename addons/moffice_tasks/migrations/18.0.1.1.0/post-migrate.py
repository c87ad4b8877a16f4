from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Fill the access table the record rules now read, for the tasks of before."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["moffice.task"]._access_rebuild()
