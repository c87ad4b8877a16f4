# M-Office on the official Odoo 18 image: our addons plus the Python packages
# and OCA addons they need, pinned in requirements.txt.
FROM odoo:18.0

USER root
# Debian packages: Tesseract with its Vietnamese data, and poppler's pdftoppm,
# read the scanned documents (OCR, in the background); Liberation Serif has
# the metrics of Times New Roman, the font of Vietnamese administrative
# documents: the registers and forms print in it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-vie poppler-utils fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /tmp/moffice-requirements.txt
RUN pip3 install --no-cache-dir --break-system-packages --no-deps -r /tmp/moffice-requirements.txt
COPY addons /mnt/extra-addons
# No secret in the image: the entrypoint adds them to a runtime copy of this
# configuration from the environment (config/moffice.env.example).
COPY config/odoo.conf /etc/odoo/odoo.conf
# Installs M-Office on the first start only, then serves; `upgrade` updates.
COPY config/docker/entrypoint.sh /usr/local/bin/moffice-entrypoint
RUN chmod 755 /usr/local/bin/moffice-entrypoint
USER odoo
ENTRYPOINT ["/usr/local/bin/moffice-entrypoint"]
CMD ["serve"]
