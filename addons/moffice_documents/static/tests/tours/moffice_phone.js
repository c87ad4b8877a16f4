import { registry } from "@web/core/registry";
import { inputFiles } from "@web/../tests/utils";

/**
 * Steps shared by the phone tours (390 × 844, touch): a screen that must fit
 * the phone's width, the form's actions (on a phone Odoo puts the status bar
 * buttons in the gear menu), a photo from the camera, a many2one pick.
 */

// The containers a user would have to scroll sideways if they overflowed.
const SCROLLERS = [".o_form_sheet_bg", ".o_list_renderer", ".modal-body", ".o_moffice_desk", ".o_calendar_renderer"];

export function fitsThePhone(screen, trigger = ".o_action_manager") {
    return {
        content: `${screen}: nothing wider than the phone`,
        trigger,
        run() {
            const page = document.documentElement;
            if (page.scrollWidth > window.innerWidth + 1) {
                throw new Error(`${screen}: the page is ${page.scrollWidth}px wide on a ${window.innerWidth}px phone`);
            }
            // A phone's scrollbars float over the content: the width that
            // counts is the element's own, scrollbar included.
            for (const el of document.querySelectorAll(SCROLLERS.join(","))) {
                if (el.scrollWidth > el.offsetWidth + 1) {
                    const edge = el.getBoundingClientRect().left + el.offsetWidth + 1;
                    const wide = [...el.querySelectorAll("*")].find((child) => child.getBoundingClientRect().right > edge);
                    throw new Error(
                        `${screen}: ${el.className} is ${el.scrollWidth}px wide in ${el.offsetWidth}px ` +
                            `(${wide?.tagName} ${wide?.className})`
                    );
                }
            }
        },
    };
}

export function formAction(name) {
    return [
        { content: "open the form's actions", trigger: ".o_cp_action_menus .dropdown-toggle", run: "click" },
        { content: `take ${name}`, trigger: `.o-dropdown--menu button[name=${name}]`, run: "click" },
    ];
}

export function pick(field, text, scope = "") {
    return [
        { trigger: `${scope} .o_field_widget[name=${field}] input`, run: `edit ${text}` },
        {
            content: "in the suggestions, or in the search dialog a phone opens instead",
            trigger: `.o-autocomplete--dropdown-item:contains("${text}"), .modal .o_kanban_record:contains("${text}")`,
            run: "click",
        },
    ];
}

// A photo as the phone's camera hands it to the file input.
function photo(name) {
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext("2d");
    context.fillStyle = "#f4f1e8";
    context.fillRect(0, 0, 64, 48);
    context.fillStyle = "#222";
    context.fillText("975/UBND", 4, 24);
    return new Promise((resolve) =>
        canvas.toBlob((blob) => resolve(new File([blob], name, { type: "image/jpeg" })), "image/jpeg")
    );
}

export function takePhoto(name, scope = "") {
    const input = `${scope} .o_field_widget[name=attachment_ids] .o_input_file`;
    return [
        {
            content: `take the photo ${name}`,
            trigger: `${scope} .o_field_widget[name=attachment_ids]`,
            async run() {
                await inputFiles(input, [await photo(name)]);
            },
        },
        {
            trigger: `${scope} .o_field_widget[name=attachment_ids] .o_attachment[title="${name}"]:not(.o_attachment_uploading)`,
        },
    ];
}

export function status(label) {
    return { trigger: `.o_statusbar_status:contains("${label}")` };
}

registry.category("web_tour.tours").add("moffice_phone_clerk", {
    steps: () => [
        { trigger: ".o_kanban_view, .o_list_view" },
        fitsThePhone("incoming documents"),
        { trigger: ".o-kanban-button-new, .o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=summary] input", run: "edit V/v khảo sát chuyển đổi số cấp xã" },
        { trigger: ".o_field_widget[name=reference] input", run: "edit 975/UBND-VX" },
        ...pick("issuer_id", "UBND tỉnh Thử nghiệm"),
        ...pick("leader_id", "Test document_admin"),
        ...takePhoto("975-UBND-VX.jpg"),
        fitsThePhone("the new incoming document"),
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        ...formAction("action_register"),
        status("Registered"),
        ...formAction("action_submit"),
        status("Submitted to a leader"),
        fitsThePhone("the registered document"),
    ],
});

registry.category("web_tour.tours").add("moffice_phone_leader_route", {
    steps: () => [
        status("Submitted to a leader"),
        fitsThePhone("the document to route"),
        ...formAction("action_open_route"),
        { trigger: ".modal .o_field_widget[name=direction] textarea", run: "edit Giao chuyên viên tham mưu." },
        ...pick("lead_user_id", "Test specialist", ".modal"),
        fitsThePhone("the routing dialog", ".modal .modal-body"),
        { trigger: ".modal button[name=action_route]", run: "click" },
        status("In handling"),
    ],
});

registry.category("web_tour.tours").add("moffice_phone_leader_approve", {
    steps: () => [
        status("Submitted to a leader"),
        fitsThePhone("the draft to approve"),
        ...formAction("action_approve"),
        status("Approved"),
    ],
});

registry.category("web_tour.tours").add("moffice_phone_desk", {
    steps: () => [
        { trigger: ".o_moffice_desk .o_moffice_desk_block" },
        fitsThePhone("the desk"),
        { trigger: ".o_moffice_desk_counter button:not(:disabled)", run: "click" },
        { trigger: ".o_kanban_view, .o_list_view" },
        fitsThePhone("the counter's list"),
    ],
});
