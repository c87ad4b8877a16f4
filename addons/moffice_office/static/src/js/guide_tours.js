import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

/**
 * The guided tours of the user guide (one per role), written for users:
 * started from the guide (moffice.guide, "Start the guided tour") on the
 * screen of the role's main flow, they point at each control in turn.
 */
const SEARCH = ".o_control_panel .o_searchview_input";
const FIRST_RECORD = ".o_data_row .o_data_cell, .o_kanban_record";
const STATUS_BUTTONS = ".o_form_view .o_statusbar_buttons button:not(.d-none)";
const CHATTER = ".o-mail-Chatter-topbar button";

const tours = {
    moffice_guide_specialist: () => [
        {
            trigger: SEARCH,
            content: _t("Type a word of the task or of its document to find it among your tasks."),
            tooltipPosition: "bottom",
            run: "click",
        },
        {
            trigger: FIRST_RECORD,
            content: _t("Open a task: its document, deadline and instructions are on the form."),
            run: "click",
        },
        {
            trigger: STATUS_BUTTONS,
            content: _t("Report your result, ask for an extension or forward the task with these buttons."),
            tooltipPosition: "bottom",
            run: "click",
        },
    ],
    moffice_guide_document_admin: () => [
        {
            trigger: SEARCH,
            content: _t("Find an incoming document by its number, symbol or abstract."),
            tooltipPosition: "bottom",
            run: "click",
        },
        {
            trigger: FIRST_RECORD,
            content: _t("Open a document submitted to you to read it and give your direction."),
            run: "click",
        },
        {
            trigger: STATUS_BUTTONS,
            content: _t("Route it to a unit and its handlers, or send it back, with these buttons."),
            tooltipPosition: "bottom",
            run: "click",
        },
    ],
    moffice_guide_clerk: () => [
        {
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            content: _t("Register a document you received: click New."),
            tooltipPosition: "bottom",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='reference'] input",
            content: _t("Type its number and symbol as printed on the document, then its issuer and abstract."),
            tooltipPosition: "bottom",
            run: "click",
        },
        {
            trigger: STATUS_BUTTONS,
            content: _t("Register it: the arrival number is given in order; then submit it to the leader."),
            tooltipPosition: "bottom",
            run: "click",
        },
    ],
    moffice_guide_system_admin: () => [
        {
            trigger: SEARCH,
            content: _t("Find a feature of the permission list by its name or section."),
            tooltipPosition: "bottom",
            run: "click",
        },
        {
            trigger: FIRST_RECORD,
            content: _t("Open a feature: the roles that hold it, its menu and the access it gives."),
            run: "click",
        },
        {
            trigger: CHATTER,
            content: _t("Every change of the permission list is recorded here."),
            tooltipPosition: "left",
            run: "click",
        },
    ],
    moffice_guide_custodian: () => [
        {
            trigger: SEARCH,
            content: _t("Find a document whose original you keep by its number, symbol or abstract."),
            tooltipPosition: "bottom",
            run: "click",
        },
        {
            trigger: FIRST_RECORD,
            content: _t("Open it: its files, its register entry and who handled it are on the form."),
            run: "click",
        },
        {
            trigger: CHATTER,
            content: _t("The history of the document: every step, who took it and when."),
            tooltipPosition: "left",
            run: "click",
        },
    ],
};

for (const [name, steps] of Object.entries(tours)) {
    registry.category("web_tour.tours").add(name, { steps });
}
