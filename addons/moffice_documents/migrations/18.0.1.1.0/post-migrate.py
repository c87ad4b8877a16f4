from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Fill the access table the record rules now read, for the documents of before."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["moffice.document"]._access_rebuild()
