import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { deserializeDate, formatDate } from "@web/core/l10n/dates";
import { Layout } from "@web/search/layout";

/**
 * The desk (bàn làm việc): per role the user holds, the counters of what
 * awaits them. The server counts with the user's record rules
 * (moffice.desk.get_desk); a counter opens exactly the records it counts.
 */
export class MofficeDesk extends Component {
    static template = "moffice_documents.MofficeDesk";
    static components = { Layout };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ desk: null });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.desk = await this.orm.call("moffice.desk", "get_desk", []);
    }

    get display() {
        return { controlPanel: {} };
    }

    formatDate(value) {
        return value ? formatDate(deserializeDate(value)) : "";
    }

    async openCounter(counter) {
        const action = await this.orm.call("moffice.desk", "open_counter", [counter.key]);
        this.action.doAction(action);
    }

    openRecord(counter, record) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: counter.model,
            res_id: record.id,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("actions").add("moffice_desk", MofficeDesk);
