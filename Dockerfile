# M-Office on the official Odoo 18 image: our addons plus the Python packages
# and OCA addons they need, pinned in requirements.txt.
FROM odoo:18.0

USER root
COPY requirements.txt /tmp/moffice-requirements.txt
RUN pip3 install --no-cache-dir --break-system-packages --no-deps -r /tmp/moffice-requirements.txt
COPY addons /mnt/extra-addons
COPY config/odoo.conf /etc/odoo/odoo.conf
USER odoo
