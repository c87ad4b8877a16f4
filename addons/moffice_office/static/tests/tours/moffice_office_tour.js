import { registry } from "@web/core/registry";

const ANNOUNCEMENT = "Thông báo lịch họp giao ban tuần";

registry.category("web_tour.tours").add("moffice_office_news_guide", {
    steps: () => [
        {
            content: "specialists reach the news from the web from the feed",
            trigger: ".o_control_panel button:contains('From the web')",
        },
        {
            content: "the unread announcement comes first, marked new",
            trigger: `.o_moffice_news_feed .o_kanban_record:first:contains("${ANNOUNCEMENT}"):has(.o_moffice_news_unread)`,
            run: "click",
        },
        {
            content: "its content is shown",
            trigger: ".o_form_view .o_moffice_news_body:contains('phòng họp tầng 3')",
        },
        { trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a", run: "click" },
        {
            content: "back in the feed, it is read",
            trigger: `.o_moffice_news_feed .o_kanban_record:contains("${ANNOUNCEMENT}"):not(:has(.o_moffice_news_unread))`,
        },
        {
            content: "the user menu opens the user guide from any screen",
            trigger: ".o_user_menu button",
            run: "click",
        },
        { trigger: '.dropdown-item[data-menu="documentation"]:contains("User guide")', run: "click" },
        { trigger: ".o_kanban_view .o_kanban_record:contains('Hướng dẫn cho Văn thư')" },
        { trigger: '.o_menu_sections [data-menu-xmlid="moffice_documents.menu_help"]', run: "click" },
        { trigger: '.dropdown-item[data-menu-xmlid="moffice_office.menu_help_user_guide"]', run: "click" },
        {
            content: "the specialist's guide is marked as the user's role",
            trigger: ".o_kanban_record:contains('Hướng dẫn cho Chuyên viên'):has(.badge)",
            run: "click",
        },
        {
            content: "the guide shows its steps and screenshots",
            trigger: ".o_form_view .o_moffice_guide_content img[src*='tasks_to_process']",
        },
        { trigger: ".o_form_view button[name='action_start_tour']", run: "click" },
        {
            content: "the guided tour opens the tasks to process and points at the search",
            trigger: ".o_breadcrumb:contains('Tasks to process')",
        },
        { trigger: ".o_tour_pointer" },
    ],
});
