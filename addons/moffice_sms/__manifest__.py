{
    "name": "M-Office SMS",
    "summary": "SMS to staff and units for the roles the regulation allows, "
    "through the department's own SMS gateway, every message logged",
    "version": "18.0.1.0.0",
    "category": "Productivity/M-Office",
    "website": "https://github.com/moffice/moffice",
    "author": "M-Office developers",
    "license": "AGPL-3",
    "depends": ["moffice_documents", "sms"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/ir.model.access.csv",
        "security/moffice_sms_security.xml",
        "views/moffice_sms_views.xml",
        "views/moffice_sms_gateway_views.xml",
        "views/menus.xml",
        "data/moffice_permission_mapping.xml",
    ],
    "demo": [
        "demo/moffice_sms_demo.xml",
    ],
}
