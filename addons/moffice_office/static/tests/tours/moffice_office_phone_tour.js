import { registry } from "@web/core/registry";
import { fitsThePhone } from "@moffice_documents/../tests/tours/moffice_phone";

const NEWS = "Lịch tiếp công dân tháng 12";

registry.category("web_tour.tours").add("moffice_phone_news", {
    steps: () => [
        { trigger: `.o_moffice_news_feed .o_kanban_record:contains("${NEWS}")` },
        fitsThePhone("the news"),
        { trigger: `.o_kanban_record:contains("${NEWS}")`, run: "click" },
        { trigger: ".o_form_view .o_moffice_news_body:contains('Phòng tiếp dân')" },
        fitsThePhone("a news item"),
    ],
});
