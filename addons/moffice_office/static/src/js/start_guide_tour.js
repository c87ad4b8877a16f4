import { registry } from "@web/core/registry";

/**
 * Client action of the user guide's button: open the screen of the role's
 * main flow, then start its guided tour there, in manual mode (the user
 * follows the pointer and does each step).
 */
async function startGuideTour(env, action) {
    const { tour, action: actionId } = action.params;
    await env.services.action.doAction(actionId, { clearBreadcrumbs: true });
    await env.services.tour_service.startTour(tour, { mode: "manual", redirect: false });
}

registry.category("actions").add("moffice_office.start_guide_tour", startGuideTour);
