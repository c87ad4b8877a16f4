import base64
import time
from pathlib import Path

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

GUIDE_IMAGES = Path(__file__).resolve().parents[1] / "static" / "img" / "guide"
DEMO_PASSWORD = "moffice"
DESKTOP = (1280, 720, False)
PHONE = (390, 760, True)


@tagged("-standard", "moffice_guide_screenshots", "post_install", "-at_install")
class TestGuideScreenshots(HttpCase):
    """Regenerates the screenshots of the user guide (static/img/guide) from
    the real client, logged in as the demo users; not part of the test suite.
    Run it on a database with the demo data:

        --test-tags=moffice_guide_screenshots
    """

    def _shot(self, name, login, url, ready, size):
        width, height, mobile = size
        browser = ChromeBrowser(self)
        try:
            self.http_request_key = self.canonical_tag + "_screenshots"
            self.authenticate(login, DEMO_PASSWORD, browser=browser)
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
            )
            self.cr.flush()
            self.cr.clear()
            browser.navigate_to(f"{self.base_url()}{url}", wait_stop=True)
            self.assertTrue(browser._wait_ready(f"!!document.querySelector({ready!r})"), f"{name}: {ready} not shown")
            # let images and fonts settle
            time.sleep(1.5)
            shot = browser._websocket_request("Page.captureScreenshot", params={"format": "jpeg", "quality": 55})
        finally:
            browser.stop()
            self._wait_remaining_requests()
        data = base64.b64decode(shot["data"])
        self.assertGreater(len(data), 5000, f"{name}: empty screenshot")
        (GUIDE_IMAGES / f"{name}.jpg").write_bytes(data)

    def test_guide_screenshots(self):
        outgoing = self.env["moffice.document"].search(
            [("kind", "=", "outgoing"), ("state", "=", "released")], order="id", limit=1
        )
        self.assertTrue(outgoing, "the demo data are not installed")
        GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
        shots = [
            (
                "news_feed_phone",
                "cv.huong",
                "/odoo/action-moffice_office.action_moffice_news_feed",
                ".o_moffice_news_feed .o_kanban_record",
                PHONE,
            ),
            (
                "tasks_to_process",
                "cv.huong",
                "/odoo/action-moffice_tasks.action_moffice_task_to_process",
                ".o_list_renderer",
                DESKTOP,
            ),
            (
                "incoming_list",
                "giamdoc",
                "/odoo/action-moffice_documents.action_moffice_document_incoming",
                ".o_data_row",
                DESKTOP,
            ),
            (
                "incoming_new",
                "vanthu.lan",
                "/odoo/action-moffice_documents.action_moffice_document_incoming/new",
                ".o_form_view .o_field_widget[name='reference'] input",
                DESKTOP,
            ),
            (
                "permission_list",
                "quantri",
                "/odoo/action-moffice_documents.action_moffice_permission",
                ".o_data_row",
                DESKTOP,
            ),
            (
                "outgoing_form",
                "luutru.ttud",
                f"/odoo/action-moffice_documents.action_moffice_document_outgoing/{outgoing.id}",
                ".o-mail-Chatter .o-mail-Message",
                DESKTOP,
            ),
        ]
        for shot in shots:
            with self.subTest(shot=shot[0]):
                self._shot(*shot)
