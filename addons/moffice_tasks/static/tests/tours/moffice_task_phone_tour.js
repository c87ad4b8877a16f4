import { registry } from "@web/core/registry";
import { fitsThePhone, formAction, pick, status, takePhoto } from "@moffice_documents/../tests/tours/moffice_phone";

registry.category("web_tour.tours").add("moffice_phone_specialist", {
    steps: () => [
        { trigger: ".o_kanban_view, .o_list_view" },
        fitsThePhone("my tasks"),
        { trigger: ".o_kanban_record:contains('Khảo sát hiện trạng'), .o_data_row:contains('Khảo sát hiện trạng')", run: "click" },
        status("In progress"),
        fitsThePhone("the task"),
        ...formAction("action_open_progress"),
        { trigger: ".modal .o_field_widget[name=text] textarea", run: "edit Đã khảo sát 3/5 xã, ảnh hiện trường kèm theo." },
        ...takePhoto("hien-truong.jpg", ".modal"),
        fitsThePhone("the progress report", ".modal .modal-body"),
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        ...formAction("action_open_extension"),
        ...pick("leader_id", "Test document_admin", ".modal"),
        { trigger: ".modal .o_field_widget[name=text] textarea", run: "edit Còn 2 xã vùng cao, xin thêm 5 ngày." },
        fitsThePhone("the extension request", ".modal .modal-body"),
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        { trigger: "body:not(:has(.modal))" },
    ],
});

registry.category("web_tour.tours").add("moffice_phone_leader_extension", {
    steps: () => [
        { trigger: ".o_kanban_record:contains('Khảo sát hiện trạng')" },
        fitsThePhone("the extensions to decide"),
        { trigger: ".o_kanban_record:contains('Khảo sát hiện trạng') button[name=action_grant]", run: "click" },
        { trigger: ".o_view_nocontent, .o_kanban_view:not(:has(.o_kanban_record:contains('Khảo sát hiện trạng')))" },
    ],
});

registry.category("web_tour.tours").add("moffice_phone_schedule", {
    steps: () => [
        { trigger: ".o_kanban_record:contains('Họp giao ban tuần')" },
        fitsThePhone("the week's schedule"),
        { trigger: ".o_kanban_record:contains('Họp giao ban tuần')", run: "click" },
        { trigger: ".o_form_view .o_field_widget[name=name]:contains('Họp giao ban tuần'), .o_form_view .o_field_widget[name=name] input" },
        fitsThePhone("a schedule item"),
    ],
});
