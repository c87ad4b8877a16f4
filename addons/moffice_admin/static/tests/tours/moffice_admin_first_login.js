import { registry } from "@web/core/registry";

// Article 5.4: a new user logs in with the password the system administrator
// gave; the password change comes first, and the client opens only once it
// is done.
registry.category("web_tour.tours").add("moffice_admin_first_login", {
    steps: () => [
        {
            content: "The new user types the login and the password given",
            trigger: "form.oe_login_form input[name='login']",
            run: "edit tour_first",
        },
        {
            trigger: "form.oe_login_form input[name='password']",
            run: "edit tour_first",
        },
        {
            trigger: "form.oe_login_form button[type='submit']",
            run: "click",
        },
        {
            content: "The password given by the administrator must be changed first",
            trigger: "form.oe_reset_password_form input[name='password']",
            run: "edit Doi2026matkhau",
        },
        {
            trigger: "form.oe_reset_password_form input[name='confirm_password']",
            run: "edit Doi2026matkhau",
        },
        {
            trigger: "form.oe_reset_password_form button[type='submit']",
            run: "click",
        },
        {
            content: "The client opens with the new password",
            trigger: ".o_main_navbar",
        },
    ],
});
