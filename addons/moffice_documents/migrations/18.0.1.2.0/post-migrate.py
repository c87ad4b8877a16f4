from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Decisions are numbered in the decisions register only: the outgoing type
    "Quyết định" gave a second series of the same numbers and symbols."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    decision = env.ref("moffice_documents.type_outgoing_decision", raise_if_not_found=False)
    if decision:
        decision.active = False
