"""The edXML envelope of QCVN 102:2016/BTTTT: build and parse, safely.

Pure functions on bytes and dictionaries, no database: a package carries a
document (header with the sender and receiver codes and names, the data
standard's metadata, trace information, and the files), a status message
answers one (``StatusCode`` 01-06, recall codes 13/15/16). Files are encoded
in base64 chunks, each below libxml2's limit for one text node, so that the
parser keeps its default limits (``huge_tree=False``).
"""

import base64
import uuid

from lxml import etree

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
NSMAP = {"edXML": NS}
# Base64 characters per chunk of a file (libxml2 refuses text nodes over 10 MB).
CHUNK = 1_000_000
# The deepest nesting a package may have (ours has 5 levels).
MAX_DEPTH = 12
# Status codes (QCVN 102:2016; recall codes as common implementations use them).
RECEIVED, REJECTED, ACCEPTED, ASSIGNED, IN_PROGRESS, DONE = "01", "02", "03", "04", "05", "06"
RECALL, RECALL_ACCEPTED, RECALL_REFUSED = "13", "15", "16"
STATUS_CODES = [
    (RECEIVED, "01 Received"),
    (REJECTED, "02 Rejected"),
    (ACCEPTED, "03 Accepted"),
    (ASSIGNED, "04 Assigned"),
    (IN_PROGRESS, "05 In progress"),
    (DONE, "06 Done"),
    (RECALL, "13 Recall asked"),
    (RECALL_ACCEPTED, "15 Recall done"),
    (RECALL_REFUSED, "16 Recall refused"),
]
# Urgency (moffice.document) <-> Priority of the standard.
PRIORITY = {"normal": "0", "urgent": "1", "very_urgent": "2", "flash": "3"}


class EdxmlError(ValueError):
    """A package that cannot be read: ``code`` names the refusal."""

    def __init__(self, code, detail=""):
        super().__init__(detail or code)
        self.code = code
        self.detail = detail


def _q(tag):
    return f"{{{NS}}}{tag}"


def _sub(parent, tag, text=None):
    element = etree.SubElement(parent, _q(tag))
    if text not in (None, False):
        element.text = str(text)
    return element


def _organ(parent, tag, organ):
    element = _sub(parent, tag)
    _sub(element, "OrganId", organ["organ_id"])
    _sub(element, "OrganName", organ["organ_name"])
    return element


def new_id():
    return str(uuid.uuid4())


def build_package(package):
    """The envelope of a document package (see ``parse`` for its keys)."""
    root = etree.Element(_q("edXMLEnvelope"), nsmap=NSMAP)
    header = _sub(_sub(root, "edXMLHeader"), "MessageHeader")
    _organ(header, "From", package["from"])
    _organ(header, "To", package["to"])
    _sub(header, "DocumentId", package["document_id"])
    code = _sub(header, "Code")
    _sub(code, "CodeNumber", package.get("code_number"))
    _sub(code, "CodeNotation", package.get("code_notation"))
    _sub(header, "IdentifierCode", package.get("identifier_code"))
    promulgation = _sub(header, "PromulgationInfo")
    _sub(promulgation, "Place", package.get("place"))
    _sub(promulgation, "PromulgationDate", package.get("date"))
    doc_type = _sub(header, "DocumentType")
    _sub(doc_type, "TypeName", package.get("type_name"))
    _sub(header, "Subject", package["subject"])
    _sub(header, "Content", package.get("content"))
    signer = _sub(header, "SignerInfo")
    _sub(signer, "Position", package.get("signer_position"))
    _sub(signer, "FullName", package.get("signer_name"))
    _sub(header, "DueDate", package.get("due_date"))
    places = _sub(header, "ToPlaces")
    for place in package.get("to_places") or []:
        _sub(places, "Place", place)
    other = _sub(header, "OtherInfo")
    _sub(other, "Priority", PRIORITY.get(package.get("urgency"), "0"))
    _sub(other, "PromulgationAmount", package.get("copies"))
    _sub(other, "PageAmount", package.get("pages"))
    _sub(other, "Language", package.get("language"))
    traces = _sub(root[0], "TraceHeaderList")
    for organ_id, timestamp in package.get("trace") or []:
        trace = _sub(traces, "TraceHeader")
        _sub(trace, "OrganId", organ_id)
        _sub(trace, "Timestamp", timestamp)
    files = _sub(_sub(root, "edXMLBody"), "AttachmentEncoded")
    for index, attachment in enumerate(package.get("attachments") or [], start=1):
        element = _sub(files, "Attachment")
        _sub(element, "ContentId", index)
        _sub(element, "ContentType", attachment["mimetype"])
        _sub(element, "AttachmentName", attachment["name"])
        encoded = base64.b64encode(attachment["content"]).decode()
        for start in range(0, len(encoded), CHUNK):
            _sub(element, "Value", encoded[start : start + CHUNK])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def build_status(status):
    """The envelope of a status message answering the document ``document_id``."""
    root = etree.Element(_q("Status"), nsmap=NSMAP)
    header = _sub(root, "Header")
    _organ(header, "From", status["from"])
    _organ(header, "To", status["to"])
    response = _sub(header, "ResponseFor")
    _sub(response, "DocumentId", status["document_id"])
    _sub(response, "CodeNotation", status.get("code_notation"))
    _sub(header, "StatusCode", status["status_code"])
    _sub(header, "Description", status.get("description"))
    _sub(header, "Timestamp", status["timestamp"])
    staff = _sub(header, "StaffInfo")
    _sub(staff, "FullName", status.get("staff"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _safe_tree(body):
    """Parse ``body`` without DTDs, entities, network or huge nodes."""
    head = body[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in body.upper():
        raise EdxmlError("hostile_xml", "DOCTYPE or entity declarations are not allowed")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise EdxmlError("malformed_xml", str(error)) from error
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise EdxmlError("hostile_xml", "DOCTYPE declarations are not allowed")
    depth = {root: 1}
    for element in root.iterdescendants():
        if not isinstance(element.tag, str):
            raise EdxmlError("hostile_xml", "entity references or processing instructions are not allowed")
        level = depth[element.getparent()] + 1
        if level > MAX_DEPTH:
            raise EdxmlError("too_deep", f"nested deeper than {MAX_DEPTH} levels")
        depth[element] = level
    return root


def _text(element, path):
    found = element.find(path.replace("/", "/edXML:").join(["edXML:", ""]), NSMAP)
    return (found.text or "").strip() if found is not None and found.text else ""


def _organ_of(element, tag):
    return {"organ_id": _text(element, f"{tag}/OrganId"), "organ_name": _text(element, f"{tag}/OrganName")}


def parse(body):
    """A package or status message as a dictionary (``kind``: package or
    status), or an ``EdxmlError`` naming why it cannot be read."""
    root = _safe_tree(body)
    if root.tag == _q("Status"):
        header = root.find("edXML:Header", NSMAP)
        if header is None:
            raise EdxmlError("malformed_xml", "a status message has a Header")
        status = {
            "kind": "status",
            "from": _organ_of(header, "From"),
            "to": _organ_of(header, "To"),
            "document_id": _text(header, "ResponseFor/DocumentId"),
            "code_notation": _text(header, "ResponseFor/CodeNotation"),
            "status_code": _text(header, "StatusCode"),
            "description": _text(header, "Description"),
            "timestamp": _text(header, "Timestamp"),
            "staff": _text(header, "StaffInfo/FullName"),
        }
        if status["status_code"] not in dict(STATUS_CODES) or not status["document_id"]:
            raise EdxmlError("malformed_xml", "a status message names a document and a known status code")
        return status
    header = root.find("edXML:edXMLHeader/edXML:MessageHeader", NSMAP)
    if root.tag != _q("edXMLEnvelope") or header is None:
        raise EdxmlError("malformed_xml", "neither an edXML envelope nor a status message")
    priorities = {value: key for key, value in PRIORITY.items()}
    package = {
        "kind": "package",
        "from": _organ_of(header, "From"),
        "to": _organ_of(header, "To"),
        "document_id": _text(header, "DocumentId"),
        "code_number": _text(header, "Code/CodeNumber"),
        "code_notation": _text(header, "Code/CodeNotation"),
        "identifier_code": _text(header, "IdentifierCode"),
        "place": _text(header, "PromulgationInfo/Place"),
        "date": _text(header, "PromulgationInfo/PromulgationDate"),
        "type_name": _text(header, "DocumentType/TypeName"),
        "subject": _text(header, "Subject"),
        "content": _text(header, "Content"),
        "signer_position": _text(header, "SignerInfo/Position"),
        "signer_name": _text(header, "SignerInfo/FullName"),
        "due_date": _text(header, "DueDate"),
        "to_places": [place.text or "" for place in header.iterfind("edXML:ToPlaces/edXML:Place", NSMAP)],
        "urgency": priorities.get(_text(header, "OtherInfo/Priority"), "normal"),
        "copies": _text(header, "OtherInfo/PromulgationAmount"),
        "pages": _text(header, "OtherInfo/PageAmount"),
        "language": _text(header, "OtherInfo/Language"),
        "trace": [
            (_text(trace, "OrganId"), _text(trace, "Timestamp"))
            for trace in root.iterfind("edXML:edXMLHeader/edXML:TraceHeaderList/edXML:TraceHeader", NSMAP)
        ],
        "attachments": [],
    }
    for element in root.iterfind("edXML:edXMLBody/edXML:AttachmentEncoded/edXML:Attachment", NSMAP):
        encoded = "".join(value.text or "" for value in element.iterfind("edXML:Value", NSMAP))
        try:
            content = base64.b64decode(encoded, validate=True)
        except ValueError as error:
            raise EdxmlError("malformed_xml", "a file is not valid base64") from error
        package["attachments"].append(
            {
                "name": _text(element, "AttachmentName") or "file",
                "mimetype": _text(element, "ContentType") or "application/octet-stream",
                "content": content,
            }
        )
    if not package["document_id"] or not package["subject"]:
        raise EdxmlError("malformed_xml", "a package names its document and subject")
    return package
