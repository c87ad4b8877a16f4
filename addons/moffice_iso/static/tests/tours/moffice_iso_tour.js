import { registry } from "@web/core/registry";
import { inputFiles } from "@web/../tests/utils";

function status(label) {
    return { trigger: `.o_statusbar_status .o_arrow_button_current:contains("${label}")` };
}

// The Office chief (the owner of QT-VP-03) starts revision 2, attaches it,
// says what changed and submits it to the leader.
registry.category("web_tour.tours").add("moffice_iso_owner_drafts", {
    steps: () => [
        { trigger: "button[name=action_new_revision]", run: "click" },
        status("Draft"),
        {
            content: "upload the new revision",
            trigger: ".o_field_widget[name=attachment_ids]",
            async run() {
                const pdf = new File(["%PDF-1.4 QT-VP-03 lần 2"], "QT-VP-03-lan-02.pdf", { type: "application/pdf" });
                await inputFiles(".o_field_widget[name=attachment_ids] .o_input_file", [pdf]);
            },
        },
        { trigger: '.o_field_widget[name=attachment_ids] .o_attachment[title="QT-VP-03-lan-02.pdf"]:not(.o_attachment_uploading)' },
        {
            trigger: ".o_field_widget[name=change_summary] textarea",
            run: "edit Đăng ký văn bản đến trên M-Office; số hóa văn bản giấy trong ngày.",
        },
        { trigger: ".o_field_widget[name=leader_id] input", run: "edit Tour Leader" },
        { trigger: '.o-autocomplete--dropdown-item:contains("Tour Leader")', run: "click" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: "button[name=action_submit]", run: "click" },
        status("Submitted for approval"),
    ],
});

// The leader approves it and issues it, in force today.
registry.category("web_tour.tours").add("moffice_iso_leader_approves", {
    steps: () => [
        status("Submitted for approval"),
        { trigger: "button[name=action_approve]", run: "click" },
        status("Approved"),
        { trigger: "button[name=action_open_issue]", run: "click" },
        { trigger: ".modal .o_field_widget[name=date_effective] input" },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        status("Issued"),
        { trigger: ".o_field_widget[name=validity]:contains('Current')" },
    ],
});

// A clerk on the distribution acknowledges it.
registry.category("web_tour.tours").add("moffice_iso_clerk_acknowledges", {
    steps: () => [
        status("Issued"),
        { trigger: "button[name=action_acknowledge]", run: "click" },
        { trigger: ".o_form_view:not(:has(button[name=action_acknowledge]))" },
    ],
});

// The clerk opens the master list of the audit view: revision 2 current,
// revision 1 obsolete.
registry.category("web_tour.tours").add("moffice_iso_master_list", {
    steps: () => [
        { trigger: '.o_menu_sections button:contains("Documents")', run: "click" },
        { trigger: '.dropdown-item:contains("ISO audit view")', run: "click" },
        { trigger: ".modal button[name=action_open_master_list]", run: "click" },
        { trigger: ".o_data_row:has(td[name=code]:contains('QT-VP-03')) td[name=current_revision_number]:contains('2')" },
        { trigger: ".o_data_row td[name=code]:contains('QT-VP-03')", run: "click" },
        { trigger: '.o_notebook_headers a:contains("Revisions")', run: "click" },
        {
            trigger:
                ".o_field_widget[name=revision_ids] .o_data_row:has(td[name=revision_number]:contains('2')) td[name=validity]:contains('Current')",
        },
        {
            trigger:
                ".o_field_widget[name=revision_ids] .o_data_row:has(td[name=revision_number]:contains('1')) td[name=validity]:contains('Obsolete')",
        },
    ],
});
