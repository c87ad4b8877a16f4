"""The roles of the regulation (Article 3) as security groups.

The only place where Python names their xml ids: flows, record checks and
tests import them from here.
"""

ROLE_USER = "moffice_documents.group_moffice_user"
ROLE_ADMIN = "moffice_documents.group_moffice_document_admin"
ROLE_CLERK = "moffice_documents.group_moffice_clerk"
ROLE_SYSTEM_ADMIN = "moffice_documents.group_moffice_system_admin"
ROLE_CUSTODIAN = "moffice_documents.group_moffice_custodian"
ROLE_SPECIALIST = "moffice_documents.group_moffice_specialist"

# Matrix column (and flow role key) -> xml id of the group holding the role.
ROLE_GROUPS = {
    "document_admin": ROLE_ADMIN,
    "clerk": ROLE_CLERK,
    "system_admin": ROLE_SYSTEM_ADMIN,
    "custodian": ROLE_CUSTODIAN,
    "specialist": ROLE_SPECIALIST,
}

# Short names for the flow tables.
LEADER = "document_admin"
CLERK = "clerk"
SYSTEM_ADMIN = "system_admin"
CUSTODIAN = "custodian"
SPECIALIST = "specialist"
