{
    "name": "M-Office Work",
    "summary": "Tasks with deadlines, forwarding, feedback, the overdue lock and extensions",
    "version": "18.0.1.0.0",
    "category": "Productivity/M-Office",
    "website": "https://github.com/moffice/moffice",
    "author": "M-Office developers",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["moffice_documents"],
    "data": [
        "security/moffice_tasks_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/moffice_task_reminder_data.xml",
        "data/mail_templates.xml",
        "wizards/moffice_task_wizard_views.xml",
        "views/moffice_task_views.xml",
        "views/moffice_task_reminder_views.xml",
        "views/menus.xml",
        "data/moffice_permission_mapping.xml",
    ],
    "demo": [
        "demo/moffice_task_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "moffice_tasks/static/tests/tours/*.js",
        ],
    },
}
