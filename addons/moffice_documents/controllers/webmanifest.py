from odoo.addons.mail.controllers import webmanifest

ICON = "/moffice_documents/static/img/moffice-icon-%s.png"


class WebManifest(webmanifest.WebManifest):
    """The installable web app is M-Office, with its own icon (its name is the
    ``web.web_app_name`` parameter, set by this addon)."""

    def _get_webmanifest(self):
        manifest = super()._get_webmanifest()
        manifest["short_name"] = "M-Office"
        manifest["lang"] = "vi"
        for icon in manifest["icons"]:
            icon["src"] = ICON % icon["sizes"]
        return manifest

    def _icon_path(self):
        return "moffice_documents/static/img/moffice-icon-192x192.png"
