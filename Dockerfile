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
COPY config/odoo.conf /etc/odoo/odoo.conf
USER odoo
