import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

/**
 * The user menu's "Documentation" (Odoo's website) becomes the M-Office user
 * guide, reachable from every screen.
 */
function userGuideItem(env) {
    return {
        type: "item",
        id: "documentation",
        description: _t("User guide"),
        callback: () => env.services.action.doAction("moffice_office.action_moffice_guide"),
        sequence: 10,
    };
}

registry.category("user_menuitems").add("documentation", userGuideItem, { force: true });
