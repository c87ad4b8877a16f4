import { registry } from "@web/core/registry";

function status(label) {
    return { trigger: `.o_statusbar_status .o_arrow_button_current:contains("${label}")` };
}

function click(name, scope = ".o_form_view") {
    return { trigger: `${scope} button[name=${name}]`, run: "click" };
}

// The specialist in charge closes the file after its review and submits it.
registry.category("web_tour.tours").add("moffice_archive_close_submit", {
    steps: () => [
        status("Open"),
        click("action_open_close"),
        { trigger: ".modal .o_field_widget[name=name] input" },
        click("action_confirm", ".modal"),
        status("Closed"),
        click("action_submit"),
        status("Submitted to the archive"),
    ],
});

// The custodian hands the unit's list over and accepts the file at a location.
registry.category("web_tour.tours").add("moffice_archive_accept", {
    steps: () => [
        click("action_send"),
        status("Handed over"),
        { trigger: ".o_field_widget[name=line_ids] button[name=action_open_accept]", run: "click" },
        { trigger: ".modal .o_field_widget[name=location_id] input", run: "edit Hộp Tour" },
        { trigger: '.o-autocomplete--dropdown-item:contains("Hộp Tour")', run: "click" },
        click("action_confirm", ".modal"),
        { trigger: ".o_field_widget[name=line_ids] .o_field_badge:contains('Accepted')" },
        status("Received"),
    ],
});

// Another specialist asks to borrow a paper original.
registry.category("web_tour.tours").add("moffice_archive_borrow", {
    steps: () => [
        click("action_borrow"),
        { trigger: ".modal .o_field_widget[name=purpose] textarea", run: "edit Đối chiếu bản gốc" },
        { trigger: ".modal .o_field_widget[name=date_until] input", run: "edit 12/31/2030" },
        click("action_request", ".modal"),
        { trigger: "body:not(:has(.modal))" },
    ],
});

// The custodian lends it and records its return.
registry.category("web_tour.tours").add("moffice_archive_lend_return", {
    steps: () => [
        status("Requested"),
        click("action_lend"),
        status("Lent"),
        click("action_give_back"),
        status("Returned"),
    ],
});
