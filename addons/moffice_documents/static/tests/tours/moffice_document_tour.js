import { registry } from "@web/core/registry";
import { inputFiles } from "@web/../tests/utils";
import { pick } from "@moffice_documents/../tests/tours/moffice_phone";


function uploadPdf(name) {
    return [
        {
            content: `upload ${name}`,
            trigger: ".o_field_widget[name=attachment_ids]",
            async run() {
                const pdf = new File(["%PDF-1.4 M-Office tour"], name, { type: "application/pdf" });
                await inputFiles(".o_field_widget[name=attachment_ids] .o_input_file", [pdf]);
            },
        },
        { trigger: `.o_field_widget[name=attachment_ids] .o_attachment[title="${name}"]:not(.o_attachment_uploading)` },
    ];
}

function status(label) {
    return { trigger: `.o_statusbar_status .o_arrow_button_current:contains("${label}")` };
}

// The print buttons return report actions; the tour catches them (and
// says which report it caught) instead of letting the browser download.
function catchReports() {
    return {
        content: "catch the report actions",
        trigger: ".o_form_view",
        run() {
            registry.category("ir.actions.report handlers").add(
                "moffice_tour_catch_reports",
                async (action) => {
                    document.body.dataset.mofficeReport = action.report_name;
                    return true;
                },
                { force: true }
            );
        },
    };
}

function printed(reportName) {
    return { trigger: `body[data-moffice-report="${reportName}"]` };
}

registry.category("web_tour.tours").add("moffice_incoming_clerk", {
    steps: () => [
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=summary] input", run: "edit V/v báo cáo kết quả chuyển đổi số" },
        { trigger: ".o_field_widget[name=reference] input", run: "edit 2468/UBND-VX" },
        ...pick("issuer_id", "UBND tỉnh Tour"),
        ...pick("leader_id", "Tour Leader"),
        ...uploadPdf("2468-UBND-VX.pdf"),
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: "button[name=action_register]", run: "click" },
        status("Registered"),
        { trigger: "button[name=action_submit]", run: "click" },
        status("Submitted to a leader"),
    ],
});

registry.category("web_tour.tours").add("moffice_incoming_stamp_clerk", {
    steps: () => [
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=summary] input", run: "edit V/v đăng ký đề tài khoa học năm 2027" },
        { trigger: ".o_field_widget[name=reference] input", run: "edit 1357/UBND-VX" },
        ...pick("issuer_id", "UBND tỉnh Tour"),
        ...pick("leader_id", "Tour Leader"),
        ...uploadPdf("1357-UBND-VX.pdf"),
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: "button[name=action_register]", run: "click" },
        status("Registered"),
        catchReports(),
        { trigger: "button[name=action_print_arrival_stamp]", run: "click" },
        printed("moffice_documents.report_arrival_stamp"),
        { trigger: "button[name=action_submit]", run: "click" },
        status("Submitted to a leader"),
    ],
});

registry.category("web_tour.tours").add("moffice_incoming_slip_clerk", {
    steps: () => [
        status("In handling"),
        catchReports(),
        { trigger: "button[name=action_print_handling_slip]", run: "click" },
        printed("moffice_documents.report_handling_slip"),
    ],
});

registry.category("web_tour.tours").add("moffice_incoming_leader", {
    steps: () => [
        { trigger: "button[name=action_open_route]", run: "click" },
        { trigger: ".modal .o_field_widget[name=direction] textarea", run: "edit Giao chuyên viên tham mưu báo cáo." },
        ...pick("lead_user_id", "Tour Specialist", ".modal"),
        { trigger: ".modal button[name=action_route]", run: "click" },
        status("In handling"),
    ],
});

registry.category("web_tour.tours").add("moffice_incoming_specialist", {
    steps: () => [
        status("In handling"),
        { trigger: "button[name=action_open_done]", run: "click" },
        { trigger: ".modal .o_field_widget[name=reason] textarea", run: "edit Đã gửi báo cáo UBND tỉnh." },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        status("Handled"),
    ],
});

registry.category("web_tour.tours").add("moffice_outgoing_specialist", {
    steps: () => [
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=summary] input", run: "edit Kế hoạch kiểm tra đề tài năm 2027" },
        ...pick("document_type_id", "Kế hoạch"),
        ...pick("leader_id", "Tour Leader"),
        ...uploadPdf("ke-hoach.pdf"),
        { trigger: '.o_notebook_headers a:contains("Signature and recipients")', run: "click" },
        ...pick("recipient_ids", "UBND tỉnh Tour"),
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: "button[name=action_submit]", run: "click" },
        status("Submitted to a leader"),
    ],
});

registry.category("web_tour.tours").add("moffice_outgoing_leader", {
    steps: () => [
        { trigger: "button[name=action_approve]", run: "click" },
        status("Approved"),
    ],
});

registry.category("web_tour.tours").add("moffice_outgoing_clerk", {
    steps: () => [
        { trigger: "button[name=action_release]", run: "click" },
        status("Released"),
        { trigger: ".o_field_widget[name=reference]:contains('/KH-SKHCN')" },
    ],
});
