import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("moffice_task_locked_specialist", {
    steps: () => [
        { trigger: ".o_data_row .o_data_cell:contains('Báo cáo quá hạn')", run: "click" },
        { trigger: ".alert-danger:contains('locked')" },
        { trigger: "button[name=action_open_extension].btn-primary", run: "click" },
        { trigger: ".modal .o_field_widget[name=leader_id] input", run: "edit Task Leader" },
        { trigger: ".o-autocomplete--dropdown-item:contains('Task Leader')", run: "click" },
        { trigger: ".modal .o_field_widget[name=text] textarea", run: "edit Đi công tác, xin gia hạn." },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        { trigger: ".o_form_view:not(:has(.modal)) .o_notebook_headers a:contains('Extensions')", run: "click" },
        { trigger: ".o_field_widget[name=extension_ids] .o_data_cell:contains('Requested')" },
    ],
});

registry.category("web_tour.tours").add("moffice_task_extension_leader", {
    steps: () => [
        { trigger: ".o_data_row:contains('Báo cáo quá hạn') button[name=action_grant]", run: "click" },
        { trigger: ".o_view_nocontent, .o_list_view:not(:has(.o_data_row:contains('Báo cáo quá hạn')))" },
    ],
});

registry.category("web_tour.tours").add("moffice_task_complete_specialist", {
    steps: () => [
        { trigger: ".o_data_row .o_data_cell:contains('Báo cáo quá hạn')", run: "click" },
        { trigger: ".o_form_view:not(:has(.alert-danger:visible))" },
        { trigger: "button[name=action_open_completion]", run: "click" },
        { trigger: ".modal .o_field_widget[name=text] textarea", run: "edit Đã gửi báo cáo." },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        { trigger: ".o_statusbar_status .o_arrow_button_current:contains('Result reported')" },
    ],
});
