import { registry } from "@web/core/registry";

/**
 * The desk of a role: the user lands on it, sees the role's block, opens a
 * counter and finds the list of what it counts.
 */
function deskTour(block, counter) {
    return {
        steps: () => [
            { content: "the desk is the landing page", trigger: `.o_moffice_desk .o_moffice_desk_block_${block}` },
            {
                content: "open the counter",
                trigger: `.o_moffice_desk_counter_${counter} button`,
                run: "click",
            },
            {
                content: "the list of what it counts",
                trigger: ".o_breadcrumb .active:contains(/\\S/)",
            },
            { trigger: ".o_list_view, .o_kanban_view" },
            { content: "back to the desk", trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li:first-child a", run: "click" },
            { trigger: `.o_moffice_desk .o_moffice_desk_block_${block}` },
        ],
    };
}

registry.category("web_tour.tours").add("moffice_desk_clerk", deskTour("clerk", "incoming_to_register"));
registry.category("web_tour.tours").add("moffice_desk_leader", deskTour("document_admin", "to_route"));
registry.category("web_tour.tours").add("moffice_desk_specialist", deskTour("personal", "documents_to_handle"));
registry.category("web_tour.tours").add("moffice_desk_unit_head", deskTour("unit_head", "unit_documents"));

registry.category("web_tour.tours").add("moffice_desk_empty", {
    steps: () => [
        { content: "an empty block says what to do", trigger: ".o_moffice_desk .o_moffice_desk_empty" },
    ],
});
