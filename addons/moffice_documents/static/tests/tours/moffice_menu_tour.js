import { registry } from "@web/core/registry";

const ROOT = "moffice_documents.menu_moffice_root";

function openMoffice() {
    return [
        { trigger: ".o_navbar_apps_menu button", run: "click" },
        { trigger: `.o_app[data-menu-xmlid="${ROOT}"]`, run: "click" },
        { trigger: `.o_menu_brand:contains("M-Office")` },
    ];
}

function section(xmlid, label) {
    return {
        content: `section ${label} is shown`,
        trigger: `.o_menu_sections [data-menu-xmlid="moffice_documents.${xmlid}"]:contains("${label}")`,
    };
}

function noSection(xmlid) {
    return {
        content: `section ${xmlid} is not shown`,
        trigger: `.o_menu_sections:not(:has([data-menu-xmlid="moffice_documents.${xmlid}"]))`,
    };
}

function openSection(xmlid, items) {
    return [
        { trigger: `.o_menu_sections [data-menu-xmlid="moffice_documents.${xmlid}"]`, run: "click" },
        ...items.map((label) => ({
            content: `item ${label} is shown`,
            trigger: `.o-dropdown--menu .dropdown-item:contains("${label}")`,
        })),
        { trigger: `.o_menu_sections [data-menu-xmlid="moffice_documents.${xmlid}"]`, run: "click" },
    ];
}

registry.category("web_tour.tours").add("moffice_menu_clerk", {
    steps: () => [
        ...openMoffice(),
        section("menu_work", "Quản lý công việc"),
        section("menu_mail", "Thư điện tử"),
        section("menu_utilities", "Tiện ích văn phòng"),
        section("menu_help", "Trợ giúp"),
        noSection("menu_catalogs"),
        noSection("menu_access"),
        section("menu_system", "Hệ thống"),
        ...openSection("menu_work", ["Tin nhắn", "Bản tin"]),
        ...openSection("menu_utilities", ["Xem lịch"]),
        {
            content: "no phone directory for the clerk",
            trigger: `.o_menu_sections [data-menu-xmlid="moffice_documents.menu_utilities"]`,
            run: "click",
        },
        {
            trigger: `.o-dropdown--menu:not(:has([data-menu-xmlid="moffice_documents.menu_utilities_phone_directory"]))`,
        },
    ],
});

registry.category("web_tour.tours").add("moffice_menu_specialist", {
    steps: () => [
        ...openMoffice(),
        section("menu_work", "Quản lý công việc"),
        section("menu_catalogs", "Danh mục"),
        section("menu_utilities", "Tiện ích văn phòng"),
        noSection("menu_access"),
        section("menu_system", "Hệ thống"),
        ...openSection("menu_catalogs", ["Chức danh", "Tổ chức đối tác", "Đối tác cá nhân"]),
        ...openSection("menu_utilities", ["Xem lịch", "Danh bạ điện thoại"]),
        {
            content: "open the phone directory",
            trigger: `.o_menu_sections [data-menu-xmlid="moffice_documents.menu_utilities"]`,
            run: "click",
        },
        {
            trigger: `.o-dropdown--menu [data-menu-xmlid="moffice_documents.menu_utilities_phone_directory"]`,
            run: "click",
        },
        { trigger: `.o_breadcrumb:contains("Danh bạ điện thoại")` },
    ],
});
